// The staff changes feature's public surface: what other features may import.
export { maySeeStaffChanges, staffChangeService, type StaffChangeService } from './service.js';

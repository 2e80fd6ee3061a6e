// The bank holidays feature's public surface.
export { bankHolidayService, holidaySchema } from './service.js';
export { loadHolidays } from './holidays.js';

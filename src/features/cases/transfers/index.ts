// Passing a case (or a request for help with it) to another RJ service, for example when the
// person who harmed is in a prison in another area. The sender chooses what goes; it is copied
// into the transfer when asked for. The receiver accepts or declines.
import { storeFor, type DocumentDependencies } from '../documents/index.js';
import { acceptTransfer, declineTransfer } from './decide-transfer.js';
import { listTransfers, viewTransfer } from './list-transfers.js';
import { requestTransfer, transferForm } from './request-transfer.js';

export function transferService(deps: DocumentDependencies) {
  const store = storeFor(deps);
  return {
    form: transferForm(deps),
    request: requestTransfer(deps, store),
    list: listTransfers(deps),
    get: viewTransfer(deps),
    accept: acceptTransfer(deps),
    decline: declineTransfer(deps, store),
  };
}

export type TransferService = ReturnType<typeof transferService>;

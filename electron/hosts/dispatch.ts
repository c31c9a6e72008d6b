// One call into the service, as both hosts do it: check the method and argument, run it, wrap the answer
// in a Reply. Errors become typed ApiErrors; nothing the renderer sends can crash the host.
import { ApiError, isApiMethod, type Reply, type RhizomeApi } from '../../shared/api';
import type { VaultEvent } from '../../shared/types';

/** What a host needs from the engine's service (createService in electron/engine/service.ts). */
export interface HostedService extends RhizomeApi {
  onEvent(listener: (event: VaultEvent) => void): () => void;
}

export async function dispatch(service: HostedService, method: string, arg: unknown): Promise<Reply<unknown>> {
  try {
    if (!isApiMethod(method)) throw new ApiError('not-found', `No API method "${method}"`);
    if (arg !== undefined && arg !== null && (typeof arg !== 'object' || Array.isArray(arg))) {
      throw new ApiError('bad-argument', `${method} takes one argument object`);
    }
    const call = service[method] as (a?: unknown) => Promise<unknown>;
    const result = await call.call(service, arg ?? undefined);
    return { ok: true, result: result ?? null };
  } catch (err) {
    return { ok: false, error: toApiError(err).toJSON() };
  }
}

function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError('internal', err instanceof Error ? err.message : String(err));
}

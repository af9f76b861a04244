import type { WireExchangePort, WireOutcome, WireRequest } from '../../../../src/main/core/ports/wire-exchange.port.ts';

/** How the fake peer behaves: refuse, or accept and send `bytes` (after reading the request), then close or go silent. */
export type FakePeer = { refuse: true } | { bytes?: Uint8Array; then: 'close' | 'silent' };

/**
 * A WireExchangePort over a scripted peer. The reply is fed to `complete` one byte at a time, the harshest
 * split a real socket could make, so a predicate that ends too early or never is caught.
 */
export class FakeWire implements WireExchangePort {
  readonly requests: WireRequest[] = [];

  constructor(private readonly peers: (request: WireRequest, index: number) => FakePeer) {}

  exchange(request: WireRequest): Promise<WireOutcome> {
    const peer = this.peers(request, this.requests.length);
    this.requests.push(request);
    if ('refuse' in peer) {
      return Promise.resolve({
        end: 'error',
        connected: false,
        bytes: new Uint8Array(0),
        latencyMs: 1,
        error: { code: 'ECONNREFUSED', message: 'Connection refused' },
      });
    }
    const base = { connected: true, connectMs: 0.5, address: '127.0.0.1' };
    const bytes = peer.bytes ?? new Uint8Array(0);
    for (let n = 1; n <= bytes.length; n++) {
      if (request.complete(bytes.subarray(0, n)))
        return Promise.resolve({ ...base, end: 'complete', bytes: bytes.subarray(0, n), latencyMs: 2 });
    }
    if (peer.then === 'close') return Promise.resolve({ ...base, end: 'peer-closed', bytes, latencyMs: 2 });
    return Promise.resolve({
      ...base,
      end: 'timeout',
      bytes,
      latencyMs: request.timeoutMs,
      error: { code: 'TIMEOUT', message: `Exchange did not complete within ${request.timeoutMs} ms` },
    });
  }
}

/** The text a probe sent. */
export function sentText(request: WireRequest | undefined): string {
  return new TextDecoder().decode(request?.send ?? new Uint8Array(0));
}

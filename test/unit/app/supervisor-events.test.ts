import { describe, expect, it } from 'vitest';
import { SelfActionLedger } from '../../../src/main/adapters/recovery/self-action-ledger.ts';
import type { ContainerEvent } from '../../../src/main/core/ports/engine-events.port.ts';
import { translateContainerEvent, type TranslationContext } from '../../../src/main/app/supervision/event-translator.ts';
import { StackMembership } from '../../../src/main/app/supervision/stack-membership.ts';
import { FakeClock } from '../support/fake-clock.ts';

const compose = (project: string, service: string) => ({ 'com.docker.compose.project': project, 'com.docker.compose.service': service });

function harness() {
  const clock = new FakeClock();
  const ledger = new SelfActionLedger(() => clock.now(), 2000);
  const membership = new StackMembership([{ name: 'web', project: 'shop', dependsOn: [], container: null }]);
  const ooms = new Set<string>();
  const ctx: TranslationContext = {
    serviceOf: (id, labels) => membership.serviceOf(id, labels),
    isSelf: (id) => ledger.isSelf(id),
    consumeSelfDie: (id) => ledger.consumeDie(id),
    currentContainer: (s) => membership.containerOf(s),
    noteOom: (id) => ooms.add(id),
    takeOom: (id) => ooms.delete(id),
  };
  const event = (action: ContainerEvent['action'], extra: Partial<ContainerEvent> = {}): ContainerEvent => ({
    type: 'container',
    action,
    containerId: 'c1',
    labels: compose('shop', 'web'),
    time: 0,
    ...extra,
  });
  return { clock, ledger, membership, ctx, event };
}

describe('supervision: engine events → observations', () => {
  it('gives nothing for a container outside the stack (another project, same service name)', () => {
    const { ctx, event } = harness();
    expect(translateContainerEvent(event('die', { labels: compose('other', 'web'), exitCode: 3 }), ctx)).toEqual([]);
    expect(translateContainerEvent(event('start', { labels: {} }), ctx)).toEqual([]);
  });

  it('reads a user docker stop (kill SIGTERM before die) as the user’s, and the die as a crash to the engine', () => {
    const { ctx, event } = harness();
    expect(translateContainerEvent(event('kill', { signal: '15' }), ctx)).toEqual([
      { kind: 'stop-requested', service: 'web', signal: 'kill', bySelf: false },
    ]);
    expect(translateContainerEvent(event('die', { exitCode: 143 }), ctx)).toEqual([
      { kind: 'container-died', service: 'web', exitCode: 143, oom: false },
    ]);
  });

  it('swallows the die of Stack Doctor’s own restart, its late stop event is still its own, a second die is a crash', async () => {
    const { ctx, event, ledger, clock } = harness();
    ledger.begin('c1');
    expect(translateContainerEvent(event('kill', { signal: '15' }), ctx)).toEqual([
      { kind: 'stop-requested', service: 'web', signal: 'kill', bySelf: true },
    ]);
    expect(translateContainerEvent(event('die', { exitCode: 0 }), ctx)).toEqual([]);
    ledger.end('c1');
    await clock.advance(500);
    expect(translateContainerEvent(event('stop'), ctx)).toEqual([{ kind: 'stop-requested', service: 'web', signal: 'stop', bySelf: true }]);
    expect(translateContainerEvent(event('die', { exitCode: 1 }), ctx)).toEqual([
      { kind: 'container-died', service: 'web', exitCode: 1, oom: false },
    ]);
    await clock.advance(2000);
    expect(ledger.isSelf('c1')).toBe(false);
  });

  it('marks the die after an oom event as an OOM kill, once', () => {
    const { ctx, event } = harness();
    expect(translateContainerEvent(event('oom'), ctx)).toEqual([]);
    expect(translateContainerEvent(event('die', { exitCode: 137 }), ctx)).toEqual([
      { kind: 'container-died', service: 'web', exitCode: 137, oom: true },
    ]);
    expect(translateContainerEvent(event('die', { exitCode: 137 }), ctx)[0]).toMatchObject({ oom: false });
  });

  it('follows a twin: events of the replaced container no longer speak for the service', () => {
    const { ctx, event, membership } = harness();
    translateContainerEvent(event('start'), ctx);
    membership.adopt('web', 'c1');
    membership.adopt('web', 'twin');
    expect(translateContainerEvent(event('die', { exitCode: 0 }), ctx)).toEqual([]);
    expect(translateContainerEvent(event('health_status', { containerId: 'twin', health: 'unhealthy' }), ctx)).toEqual([
      { kind: 'docker-health', service: 'web', status: 'unhealthy' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { calledPortsOf, type CallerEntry } from '../../../../src/main/core/discovery/called-ports.ts';
import type { DependencyTarget } from '../../../../src/shared/model/index.ts';

const target = (url: string): DependencyTarget => {
  const u = new URL(url);
  return { url, host: u.hostname, port: Number(u.port), source: 'env:URL' };
};

describe('calledPortsOf', () => {
  it('lists the HTTP ports others call on any of a service’s names, in caller then target order, never its own', () => {
    const entries: CallerEntry[] = [
      { names: ['api', 'API-1'], targets: [target('http://api:9000/self')] },
      { names: ['web'], targets: [target('http://api-1:8081/'), target('postgres://api:5432/db'), target('http://api:8080/')] },
      { names: ['worker'], targets: [target('https://api:8443/')] },
    ];
    expect(calledPortsOf(entries)).toEqual([[8081, 8080, 8443], [], []]);
  });

  it('reads each target a bounded number of times, however many services there are', () => {
    const perEntry: number[] = [];
    for (const n of [1_000, 4_000]) {
      let reads = 0;
      const counted = (t: DependencyTarget): DependencyTarget =>
        new Proxy(t, {
          get(obj, key, receiver) {
            reads++;
            return Reflect.get(obj, key, receiver) as unknown;
          },
        });
      const entries = Array.from({ length: n }, (_, i) => ({
        names: [`s${i}`],
        targets: [counted(target(`http://s${(i + 1) % n}:8080/`))],
      }));
      const ports = calledPortsOf(entries);
      expect(ports.every((p) => p.length === 1 && p[0] === 8080)).toBe(true);
      perEntry.push(reads / n);
    }
    // Matching every service against every other's targets read each target n times.
    expect(perEntry[1]! / perEntry[0]!).toBeLessThan(1.2);
  });
});

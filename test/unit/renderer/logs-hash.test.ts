import { describe, expect, it } from 'vitest';
import { emptyLogFilter, logFilterFromHash, toLogFilter } from '../../../src/renderer/src/features/logs/logs-state.ts';
import { logsHash } from '../../../src/main/shell/tray-controller.ts';

describe('the tray\'s "Open logs" link and the Logs view', () => {
  it('the hash the tray opens is the Logs view filtered on that service', () => {
    const form = logFilterFromHash(`#${logsHash('web api')}`);
    expect(form).toEqual({ ...emptyLogFilter, service: 'web api' });
    expect(toLogFilter(form!)).toMatchObject({ service: 'web api' });
  });

  it('`#logs` alone is the unfiltered view; other hashes are not the Logs view; a bad escape is unfiltered', () => {
    expect(logFilterFromHash('#logs')).toEqual(emptyLogFilter);
    expect(logFilterFromHash('#repair')).toBeNull();
    expect(logFilterFromHash('#finding-PORT_CLOSED')).toBeNull();
    expect(logFilterFromHash('#logs/service=%E0%A4%A')).toEqual(emptyLogFilter);
  });
});

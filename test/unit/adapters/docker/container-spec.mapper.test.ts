import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { toContainerSpec, toCreateOptions } from '../../../../src/main/adapters/docker/container-spec.mapper.ts';

const ID = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

function inspect(): Docker.ContainerInspectInfo {
  return {
    Id: ID,
    Name: '/shop-api-1',
    Config: {
      Hostname: '0123456789ab',
      Image: 'shop/api:dev',
      Env: ['A=1', 'DB_URL=postgres://u:p@db/x'],
      Labels: { 'com.docker.compose.service': 'api' },
      Cmd: ['serve'],
      Entrypoint: '/entry.sh',
      WorkingDir: '/app',
      Healthcheck: { Test: ['CMD', 'true'] },
    },
    HostConfig: { RestartPolicy: { Name: 'always' }, Binds: ['/data:/data'], NetworkMode: 'shop_default' },
    NetworkSettings: {
      Networks: {
        shop_default: { Aliases: ['api', '0123456789ab', 'shop-api-1'] },
        shop_back: { Aliases: ['api-back'] },
      },
    },
  } as unknown as Docker.ContainerInspectInfo;
}

describe('toContainerSpec / toCreateOptions', () => {
  it('reads what a twin needs, without the engine-made hostname and aliases', () => {
    const spec = toContainerSpec(inspect());
    expect(spec).toMatchObject({
      name: 'shop-api-1',
      image: 'shop/api:dev',
      env: { A: '1', DB_URL: 'postgres://u:p@db/x' },
      cmd: ['serve'],
      entrypoint: ['/entry.sh'],
      networks: [
        { name: 'shop_default', aliases: ['api'] },
        { name: 'shop_back', aliases: ['api-back'] },
      ],
    });
    expect(spec.engineConfig).toEqual({ WorkingDir: '/app', Healthcheck: { Test: ['CMD', 'true'] } });
  });

  it('creates on the first network with its aliases and carries config and host config through', () => {
    const spec = toContainerSpec(inspect());
    const options = toCreateOptions({ ...spec, name: 'shop-api-1-twin', env: { ...spec.env, A: '2' } });
    expect(options).toMatchObject({
      name: 'shop-api-1-twin',
      Image: 'shop/api:dev',
      Env: ['A=2', 'DB_URL=postgres://u:p@db/x'],
      WorkingDir: '/app',
      HostConfig: { RestartPolicy: { Name: 'always' }, Binds: ['/data:/data'], NetworkMode: 'shop_default' },
      NetworkingConfig: { EndpointsConfig: { shop_default: { Aliases: ['api'] } } },
    });
    expect(options).not.toHaveProperty('Hostname');
  });
});

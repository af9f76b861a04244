import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';

/** How the local DNS server treats a name: answer with IPv4 addresses, say NXDOMAIN, or never answer. */
export type DnsBehaviour = { answer: string[] } | 'nxdomain' | 'blackhole';

/** A DNS server on 127.0.0.1 (UDP, ephemeral port) scripted per name; it counts the questions it got. */
export interface LocalDns {
  /** `127.0.0.1:<port>`, as Resolver#setServers takes it. */
  server: string;
  /** Questions received, as `<TYPE> <name>`. */
  questions: string[];
  close(): Promise<void>;
}

const TYPES: Record<number, string> = { 1: 'A', 28: 'AAAA' };

function readName(message: Buffer, offset: number): { name: string; end: number } {
  const labels: string[] = [];
  let at = offset;
  while (message[at]) {
    const length = message[at] as number;
    labels.push(message.subarray(at + 1, at + 1 + length).toString('ascii'));
    at += length + 1;
  }
  return { name: labels.join('.').toLowerCase(), end: at + 1 };
}

function reply(query: Buffer, questionEnd: number, rcode: number, addresses: string[]): Buffer {
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2); // id
  header.writeUInt16BE(0x8180 | rcode, 2); // response, recursion desired + available
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(addresses.length, 6);
  const answers = addresses.map((address) => {
    const record = Buffer.alloc(16);
    record.writeUInt16BE(0xc00c, 0); // name: pointer to the question
    record.writeUInt16BE(1, 2); // A
    record.writeUInt16BE(1, 4); // IN
    record.writeUInt32BE(60, 6);
    record.writeUInt16BE(4, 10);
    address.split('.').forEach((octet, i) => record.writeUInt8(Number(octet), 12 + i));
    return record;
  });
  return Buffer.concat([header, query.subarray(12, questionEnd), ...answers]);
}

export async function startLocalDns(script: (name: string) => DnsBehaviour): Promise<LocalDns> {
  const socket: Socket = createSocket('udp4');
  const questions: string[] = [];
  socket.on('message', (message, peer) => {
    const { name, end } = readName(message, 12);
    const type = message.readUInt16BE(end);
    questions.push(`${TYPES[type] ?? type} ${name}`);
    const behaviour = script(name);
    if (behaviour === 'blackhole') return;
    const response =
      behaviour === 'nxdomain' ? reply(message, end + 4, 3, []) : reply(message, end + 4, 0, type === 1 ? behaviour.answer : []);
    socket.send(response, peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address() as AddressInfo;
  return { server: `127.0.0.1:${port}`, questions, close: () => new Promise<void>((resolve) => socket.close(() => resolve())) };
}

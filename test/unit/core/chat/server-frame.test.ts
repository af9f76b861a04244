import { describe, expect, it } from 'vitest';
import { wsServerMessageSchema, type ChatEvent } from '../../../../src/shared/model/index.ts';
import { ChatStream } from '../../../../src/main/core/chat/chat-stream.ts';
import { isProtocolFault, parseHttpAnswer, parseServerFrame } from '../../../../src/main/core/chat/server-frame.ts';
import { missingComponentIn } from '../../../../src/main/core/chat/component-missing.ts';

describe('parseServerFrame', () => {
  it('reads a stream_token frame exactly as the schema does, through its fast path or not', () => {
    const frames = [
      '{"type":"stream_token","data":{"type":"assistant","content":"hi"}}',
      '{"type":"stream_token","data":{"type":"manager","content":""},"extra":1}',
      '{"type":"stream_token","data":{"type":"assistant","content":"x","role":"y","__proto__":{"a":1}}}',
      '{"type":"stream_token","data":{"type":"system","content":"x"}}',
      '{"type":"stream_token","data":{"type":"assistant","content":7}}',
      '{"type":"stream_token","data":{"type":"assistant"}}',
      '{"type":"stream_token","data":["assistant","x"]}',
      '{"type":"stream_token","data":null}',
      '{"type":"stream_token"}',
      '["stream_token"]',
      '{"type":"Stream_token","data":{"type":"assistant","content":"x"}}',
    ];
    for (const frame of frames) {
      const schema = wsServerMessageSchema.safeParse(JSON.parse(frame));
      const parsed = parseServerFrame(frame);
      if (schema.success) expect(parsed, frame).toStrictEqual(schema.data);
      else expect(isProtocolFault(parsed), frame).toBe(true);
    }
  });

  it('parses every message of the profile', () => {
    expect(parseServerFrame('{"type":"status","status":"processing","correlation_id":"c"}')).toEqual({
      type: 'status',
      status: 'processing',
    });
    expect(parseServerFrame('{"type":"stream_token","data":{"type":"assistant","content":"hi"}}')).toEqual({
      type: 'stream_token',
      data: { type: 'assistant', content: 'hi' },
    });
    expect(parseServerFrame('{"type":"complete"}')).toMatchObject({ type: 'complete' });
    expect(parseServerFrame('{"type":"assistant_error","data":{"content":"boom"}}')).toEqual({
      type: 'assistant_error',
      data: { content: 'boom' },
    });
  });

  it.each([
    ['{"type": "stream_token", "data": <<not json>>', 'not JSON'],
    ['{"type":"stub_unknown","data":{}}', '"stub_unknown"'],
    ['{"type":"stream_token","data":{"type":"robot","content":"x"}}', 'data.type'],
    ['[1,2]', 'without a known "type"'],
    ['null', 'without a known "type"'],
  ])('%s is a protocol fault carrying the raw frame', (frame, problem) => {
    const result = parseServerFrame(frame);
    expect(isProtocolFault(result)).toBe(true);
    if (!isProtocolFault(result)) return;
    expect(result.rawFrame).toBe(frame);
    expect(result.problem).toContain(problem);
  });
});

describe('parseHttpAnswer', () => {
  it('reads an answer, an agent error, and protocol faults', () => {
    expect(parseHttpAnswer('{"success":true,"response":"hello","session_id":"s"}')).toEqual({
      kind: 'answer',
      response: 'hello',
      sessionId: 's',
    });
    expect(parseHttpAnswer('{"success":false,"response":"nope","session_id":"s"}')).toEqual({ kind: 'agent-error', content: 'nope' });
    expect(parseHttpAnswer('not json')).toMatchObject({ kind: 'protocol', rawFrame: 'not json' });
    expect(parseHttpAnswer('{"answer":"x"}')).toMatchObject({ kind: 'protocol' });
  });
});

describe('ChatStream', () => {
  it('emits status and tokens as they come and joins the assistant tokens', () => {
    const events: ChatEvent[] = [];
    let now = 100;
    const stream = new ChatStream({ correlationId: 'c1', emit: (event) => events.push(event), now: () => now });
    expect(stream.accept('{"type":"status","status":"processing"}')).toBeNull();
    now = 130;
    expect(stream.accept('{"type":"stream_token","data":{"type":"manager","content":"routing"}}')).toBeNull();
    expect(stream.accept('{"type":"stream_token","data":{"type":"assistant","content":"Hel"}}')).toBeNull();
    expect(stream.accept('{"type":"stream_token","data":{"type":"assistant","content":"lo"}}')).toBeNull();
    expect(stream.accept('{"type":"complete"}')).toEqual({ kind: 'complete' });
    expect(stream.response()).toBe('Hello');
    expect(stream.firstToken).toBe(130);
    expect(events.map((e) => e.type)).toEqual(['status', 'token', 'token', 'token']);
    expect(events.every((e) => e.correlationId === 'c1')).toBe(true);
  });

  it('ends on assistant_error and on a malformed frame', () => {
    const stream = new ChatStream({ correlationId: 'c1', emit: () => undefined, now: () => 0 });
    expect(stream.accept('{"type":"assistant_error","data":{"content":"x"}}')).toEqual({ kind: 'agent-error', content: 'x' });
    expect(stream.accept('garbage')).toMatchObject({ kind: 'protocol', rawFrame: 'garbage' });
  });

  it('falls back to manager tokens when no assistant token came', () => {
    const stream = new ChatStream({ correlationId: 'c1', emit: () => undefined, now: () => 0 });
    stream.accept('{"type":"stream_token","data":{"type":"manager","content":"only"}}');
    expect(stream.response()).toBe('only');
  });
});

describe('missingComponentIn', () => {
  it.each([
    ['tool_dispatcher is missing or None in WebSocket supervisor factory', 'tool_dispatcher'],
    ['RuntimeError: llm_client is None', 'llm_client'],
    ['missing required component: vector_store', 'vector_store'],
    ["component 'memory' is unavailable", 'memory'],
  ])('%s → %s', (text, component) => {
    expect(missingComponentIn(text)).toBe(component);
  });

  it('leaves ordinary errors alone', () => {
    expect(missingComponentIn('Internal Server Error')).toBeNull();
    expect(missingComponentIn('The assistant failed to answer')).toBeNull();
    expect(missingComponentIn(undefined)).toBeNull();
  });
});

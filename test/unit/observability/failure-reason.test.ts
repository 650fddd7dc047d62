// The `reason` of events and log lines: an error's class, and a message only when the client
// wrote it itself; never what HBase says (it quotes row keys) nor bytes read off the wire.
import {
  ConnectionClosedError,
  IOError,
  ProtocolMismatchError,
  TableNotFoundError,
  TimeoutError,
} from '../../../src';
import { failureReason } from '../../../src/client/observability/observer';

describe('failureReason', () => {
  it("keeps a transport error's own message", () => {
    const error = new TimeoutError('getRow: no reply from gw:9090 (buffered/binary) within 500 ms', 500);
    expect(failureReason(error)).toEqual({ error: 'TimeoutError', message: error.message });
    expect(failureReason(new ConnectionClosedError('closed by the server'))).toEqual({
      error: 'ConnectionClosedError',
      message: 'closed by the server',
    });
  });

  it('withholds the message of an error from HBase, which may quote row keys', () => {
    const error = new IOError(
      'org.apache.hadoop.hbase.RegionTooBusyException: region t,secret-row-key,1.abc is too busy',
      true,
    );
    expect(failureReason(error)).toEqual({ error: 'IOError', message: 'IOError' });
    expect(failureReason(new TableNotFoundError('TableNotFoundException: tenant-secret'))).toEqual({
      error: 'TableNotFoundError',
      message: 'TableNotFoundError',
    });
  });

  it('drops the quoted start of an undecodable reply', () => {
    const error = new ProtocolMismatchError(
      'gw:9090 does not answer in Thrift (buffered transport, binary protocol): bad type; its reply ' +
        'starts with "user-value\\x00\\x01"... Is it a Thrift1 gateway?',
    );
    const reason = failureReason(error);
    expect(reason.message).not.toContain('user-value');
    expect(reason.message).toContain('does not answer in Thrift');
    expect(reason.message).toContain('Is it a Thrift1 gateway?');
  });

  it('names a thrown non-Error by its type only', () => {
    expect(failureReason('secret')).toEqual({ error: 'string', message: 'a non-Error value was thrown' });
  });
});

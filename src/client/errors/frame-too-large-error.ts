import { HBaseError } from './hbase-error';

/**
 * A request was larger than a framed gateway accepts, and was not sent. A gateway with the framed
 * transport refuses frames above `hbase.regionserver.thrift.framed.max_frame_size_in_mb` (2 MB by
 * default) by dropping the connection, so the client checks the connection's `maxFrameSize`
 * first. Send less per call (smaller values or batches: batches split themselves by bytes), or
 * raise both the gateway's setting and `maxFrameSize`. The connection stays usable.
 */
export class FrameTooLargeError extends HBaseError {
  /** The request's size in bytes (the frame without its 4-byte length). */
  readonly size: number;
  /** The connection's `maxFrameSize`. */
  readonly limit: number;

  constructor(size: number, limit: number) {
    super(
      `the request is ${size} bytes, more than maxFrameSize (${limit} bytes): a framed gateway drops ` +
        'the connection on a frame above hbase.regionserver.thrift.framed.max_frame_size_in_mb ' +
        '(2 MB by default), so it was not sent. Send less per call, or raise both that setting and ' +
        'the maxFrameSize option',
    );
    this.size = size;
    this.limit = limit;
  }
}

package io.gscam.server.transport;

import io.gscam.server.session.TrackTransport;
import io.gscam.protocol.rtsp.InterleavedFrame;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.Socket;

import java.io.IOException;
import java.util.Map;

/**
 * RTP/AVP/TCP: each packet goes on the RTSP connection after its own 4-byte {@code $} header
 * (RFC 2326 10.12) on the channel the client chose. A frame's packets go as one buffer, framed once
 * per channel for every reader ({@link PacketBatch#interleaved}): one write per reader and frame,
 * no allocation per packet. What is pending is the connection's own outbound buffer.
 *
 * <p>On epoll, a frame whose connection has nothing pending goes straight to the socket, one
 * {@code send(2)} from the shared buffer, as live555 and ZLMediaKit send: no duplicate, no trip
 * through the pipeline, its outbound buffer and a flush. Only what the socket does not take at once
 * (a reader behind, its send buffer full) is queued in the outbound buffer, after anything already
 * there, so the connection's bytes keep their order and the byte budget still sees what waits.
 */
public final class InterleavedOutlet extends TrackOutlet<TrackTransport.Interleaved> {
    /** The connection's socket when it is epoll's, else null (NIO: every frame through the pipeline). */
    private final Socket direct;
    /** Something went into the connection's outbound buffer since the last flush. */
    private boolean unflushed;

    public InterleavedOutlet(Channel connection, Map<Integer, TrackTransport.Interleaved> tracks) {
        super(connection, tracks);
        this.direct = connection instanceof EpollSocketChannel epoll && epoll.fd() instanceof Socket s ? s : null;
    }

    @Override
    public long pendingBytes() {
        ChannelOutboundBuffer out = socket.unsafe().outboundBuffer();
        return out == null ? 0 : out.totalPendingWriteBytes();
    }

    @Override
    void write(TrackTransport.Interleaved destination, PacketBatch batch) {
        ByteBuf frame = batch.interleaved(destination.rtpChannel());
        int sent = sendNow(frame);
        int left = frame.readableBytes() - sent;
        if (left > 0) {
            // A duplicate (or slice) per reader: Netty moves a buffer's reader index as a partial write goes out.
            socket.write(sent == 0 ? frame.retainedDuplicate() : frame.retainedSlice(frame.readerIndex() + sent, left),
                    socket.voidPromise());
            unflushed = true;
        }
    }

    /**
     * Sends what the socket takes of {@code frame} now, when that keeps the connection's order (nothing
     * pending, written or unflushed, ahead of it); the bytes sent. Runs on the connection's event loop,
     * which is also where it closes: an active channel's descriptor is its own.
     */
    private int sendNow(ByteBuf frame) {
        if (direct == null || !frame.hasMemoryAddress() || !socket.isActive() || pendingBytes() != 0) {
            return 0;
        }
        try {
            // send(2), as Netty's own write: 0 on EAGAIN
            return direct.sendAddress(frame.memoryAddress(), frame.readerIndex(), frame.writerIndex());
        } catch (IOException e) {
            return 0; // the pipeline's write meets the error too and closes the connection, as Netty does
        }
    }

    @Override
    void writeRtcp(TrackTransport.Interleaved destination, ByteBuf packet) {
        ByteBuf header = socket.alloc().buffer(InterleavedFrame.HEADER_SIZE);
        header.writeByte(InterleavedFrame.MAGIC).writeByte(destination.rtcpChannel()).writeShort(packet.readableBytes());
        socket.write(header, socket.voidPromise());
        socket.write(packet, socket.voidPromise());
        unflushed = true;
    }

    @Override
    public void flush() {
        if (unflushed || direct == null) {
            unflushed = false;
            socket.flush();
        }
    }
}

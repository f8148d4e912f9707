package io.gscam.nvr.out;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.gscam.net.NettyTransport;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubAckMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A small MQTT 3.1.1 client on Netty's codec: CONNECT with will, account and keep-alive; PUBLISH
 * with QoS 1, PUBACK tracking and in-order redelivery after a reconnect; PINGREQ when idle;
 * SUBSCRIBE for the retained-discovery scan and for tests; reconnect with exponential backoff.
 * <p>
 * Every message waits in one bounded queue until the broker acknowledges it, so nothing is lost
 * while the broker is away; past {@link Options#queueLimit()} the oldest is dropped and counted
 * ({@link #dropped()}). All state lives on one event loop, so there are no locks; callers on any
 * thread only hand work to it and never block.
 * <pre>{@code
 * MqttClient c = MqttClient.start(group, options);
 * c.publish(Publication.of("gscam/front/alarm", json, false));
 * c.close(Duration.ofSeconds(2)); // waits for the acks, then DISCONNECT
 * }</pre>
 */
public final class MqttClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MqttClient.class);
    /** Unacknowledged publications on the wire at once; the rest wait their turn, in order. */
    private static final int WINDOW = 64;

    /**
     * @param ssl        null for plain TCP
     * @param user       null for none
     * @param will       sent by the broker when this client vanishes without DISCONNECT; null for none
     * @param queueLimit messages kept while unacknowledged (the broker away or slow)
     */
    public record Options(MqttEndpoint endpoint, SslContext ssl, String clientId, String user, String password,
                          Publication will, Duration keepAlive, int queueLimit, Duration minBackoff, Duration maxBackoff,
                          boolean cleanSession) {
        public Options {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(clientId, "clientId");
            if (queueLimit <= 0) {
                throw new IllegalArgumentException("queueLimit must be positive: " + queueLimit);
            }
        }

        /** Plain TCP, no account, no will, 30 s keep-alive, 10,000 queued, backoff 0.5 s doubling to 30 s. */
        public static Options of(MqttEndpoint endpoint, String clientId) {
            return new Options(endpoint, null, clientId, null, null, null, Duration.ofSeconds(30), 10_000,
                    Duration.ofMillis(500), Duration.ofSeconds(30), true);
        }

        public Options withAccount(String user, String password) {
            return new Options(endpoint, ssl, clientId, user, password, will, keepAlive, queueLimit, minBackoff, maxBackoff, cleanSession);
        }

        public Options withSsl(SslContext context) {
            return new Options(endpoint, context, clientId, user, password, will, keepAlive, queueLimit, minBackoff, maxBackoff, cleanSession);
        }

        public Options withWill(Publication p) {
            return new Options(endpoint, ssl, clientId, user, password, p, keepAlive, queueLimit, minBackoff, maxBackoff, cleanSession);
        }

        public Options withQueueLimit(int limit) {
            return new Options(endpoint, ssl, clientId, user, password, will, keepAlive, limit, minBackoff, maxBackoff, cleanSession);
        }

        /** A session the broker keeps across disconnects (a subscriber that must miss nothing). */
        public Options withCleanSession(boolean clean) {
            return new Options(endpoint, ssl, clientId, user, password, will, keepAlive, queueLimit, minBackoff, maxBackoff, clean);
        }

        public Options withBackoff(Duration min, Duration max) {
            return new Options(endpoint, ssl, clientId, user, password, will, keepAlive, queueLimit, min, max, cleanSession);
        }
    }

    /** A queued publication; {@code id} is its packet id while it is on the wire of the current connection. */
    private static final class Pending {
        final Publication publication;
        int id;
        boolean sentBefore;

        Pending(Publication publication) {
            this.publication = publication;
        }
    }

    private record Subscription(String filter, Consumer<Received> handler) {
    }

    private final Options options;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean connected;
    private volatile int queued;

    // ---- confined to loop ----
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    /** The first {@code sent} entries of the queue are on the wire (sending is in order, so they are a prefix). */
    private int sent;
    private final Map<Integer, Pending> inFlight = new HashMap<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final List<Runnable> onConnect = new ArrayList<>();
    private Channel channel;
    private boolean closing;
    private int nextId = 1;
    private long backoffMillis;
    private CompletableFuture<Void> drained;

    private MqttClient(EventLoopGroup group, Options options) {
        this.options = options;
        this.loop = group.next();
        this.backoffMillis = options.minBackoff().toMillis();
        this.bootstrap = new Bootstrap().group(loop).channelFactory(NettyTransport.of(group).socketChannels())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (options.ssl() != null) {
                            p.addLast(options.ssl().newHandler(ch.alloc(), options.endpoint().host(), options.endpoint().port()));
                        }
                        long keepAlive = options.keepAlive().toMillis();
                        p.addLast(new MqttDecoder(1 << 20));
                        p.addLast(MqttEncoder.INSTANCE);
                        p.addLast(new IdleStateHandler(keepAlive * 3 / 2, keepAlive, 0, TimeUnit.MILLISECONDS));
                        p.addLast(new Handler());
                    }
                });
    }

    /** A client that connects now and keeps reconnecting until closed. */
    public static MqttClient start(EventLoopGroup group, Options options) {
        MqttClient c = new MqttClient(group, options);
        c.loop.execute(c::connect);
        return c;
    }

    /** Queues {@code p} (QoS 1); it goes out when connected, in the order given. Never blocks. */
    public void publish(Publication p) {
        loop.execute(() -> {
            if (closing && channel == null) {
                return;
            }
            queue.addLast(new Pending(p));
            while (queue.size() > options.queueLimit()) {
                dropOldest();
            }
            queued = queue.size();
            flush();
        });
    }

    /** Subscribes to {@code filter} (QoS 1) now and after every reconnect; {@code handler} runs on the event loop. */
    public void subscribe(String filter, Consumer<Received> handler) {
        loop.execute(() -> {
            Subscription s = new Subscription(filter, handler);
            subscriptions.add(s);
            if (connected) {
                sendSubscribe(List.of(s));
            }
        });
    }

    /** Runs {@code action} on the event loop after every accepted CONNECT, before the queue is sent again. */
    public void onConnect(Runnable action) {
        loop.execute(() -> onConnect.add(action));
    }

    public boolean connected() {
        return connected;
    }

    /** Messages waiting for the broker's acknowledgement. */
    public int queued() {
        return queued;
    }

    /** Messages dropped because the queue was over its bound. */
    public long dropped() {
        return dropped.get();
    }

    /** Messages the broker acknowledged. */
    public long delivered() {
        return delivered.get();
    }

    /** Connections the broker refused (bad account, client id, protocol). */
    public long refused() {
        return refused.get();
    }

    /** Accepted connections so far. */
    public long connects() {
        return connects.get();
    }

    /**
     * Waits up to {@code timeout} for the queue to be acknowledged, then sends DISCONNECT (so the
     * broker does not publish the will) and closes. Idempotent.
     */
    public void close(Duration timeout) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            closing = true;
            if (drained == null) {
                drained = new CompletableFuture<>();
            }
            if (queue.isEmpty() || !connected) {
                drained.complete(null);
            }
            drained.whenComplete((v, e) -> loop.execute(() -> disconnect(done)));
            loop.schedule(() -> drained.complete(null), timeout.toMillis(), TimeUnit.MILLISECONDS);
        });
        await(done, timeout.plusSeconds(2));
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }

    /** Drops the connection without DISCONNECT, as a crash would: the broker publishes the will. For tests. */
    public void abort() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            closing = true;
            if (channel != null) {
                channel.close().addListener(f -> done.complete(null));
            } else {
                done.complete(null);
            }
        });
        await(done, Duration.ofSeconds(5));
    }

    private static void await(CompletableFuture<Void> f, Duration timeout) {
        try {
            f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("mqtt close: {}", e.toString());
        }
    }

    // ---- the event loop from here on ----

    private void connect() {
        if (closing) {
            return;
        }
        ChannelFuture f = bootstrap.connect(options.endpoint().host(), options.endpoint().port());
        channel = f.channel();
        f.addListener(r -> {
            if (!r.isSuccess()) {
                log.debug("mqtt connect to {}:{} failed: {}", options.endpoint().host(), options.endpoint().port(),
                        r.cause().toString());
                // channelInactive does not fire for a channel that never connected
                if (channel == f.channel()) {
                    channel = null;
                    reconnectLater();
                }
            }
        });
    }

    private void reconnectLater() {
        if (closing) {
            return;
        }
        long delay = backoffMillis;
        backoffMillis = Math.min(backoffMillis * 2, options.maxBackoff().toMillis());
        loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void disconnect(CompletableFuture<Void> done) {
        Channel ch = channel;
        if (ch == null || !ch.isActive()) {
            if (ch != null) {
                ch.close(); // still connecting: give up
            }
            done.complete(null);
            return;
        }
        ch.writeAndFlush(MqttMessage.DISCONNECT).addListener(f -> ch.close().addListener(c -> done.complete(null)));
    }

    private void dropOldest() {
        Pending p = queue.pollFirst();
        if (sent > 0) {
            sent--;
            inFlight.remove(p.id);
        }
        dropped.incrementAndGet();
    }

    private void flush() {
        if (!connected || channel == null) {
            return;
        }
        boolean wrote = false;
        Iterator<Pending> it = queue.iterator();
        for (int i = 0; i < sent && it.hasNext(); i++) {
            it.next();
        }
        while (it.hasNext() && inFlight.size() < WINDOW) {
            Pending p = it.next();
            p.id = nextId();
            inFlight.put(p.id, p);
            sent++;
            Publication pub = p.publication;
            MqttPublishMessage m = new MqttPublishMessage(
                    new MqttFixedHeader(MqttMessageType.PUBLISH, p.sentBefore, MqttQoS.AT_LEAST_ONCE, pub.retained(), 0),
                    new MqttPublishVariableHeader(pub.topic(), p.id),
                    Unpooled.wrappedBuffer(pub.payload()));
            p.sentBefore = true;
            channel.write(m);
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    private int nextId() {
        while (true) {
            int id = nextId;
            nextId = nextId == 0xFFFF ? 1 : nextId + 1;
            if (!inFlight.containsKey(id)) {
                return id;
            }
        }
    }

    private void acknowledged(int id) {
        Pending p = inFlight.remove(id);
        if (p == null) {
            return; // dropped meanwhile, or a duplicate ack
        }
        // acks come in order, so this is almost always the head
        if (queue.peekFirst() == p) {
            queue.pollFirst();
        } else {
            queue.remove(p);
        }
        sent--;
        delivered.incrementAndGet();
        queued = queue.size();
        if (queue.isEmpty() && drained != null) {
            drained.complete(null);
        }
        flush();
    }

    private void sendSubscribe(List<Subscription> subs) {
        if (subs.isEmpty()) {
            return;
        }
        MqttMessageBuilders.SubscribeBuilder b = MqttMessageBuilders.subscribe().messageId(nextId());
        for (Subscription s : subs) {
            b.addSubscription(MqttQoS.AT_LEAST_ONCE, s.filter());
        }
        channel.writeAndFlush(b.build());
    }

    private void received(MqttPublishMessage m) {
        String topic = m.variableHeader().topicName();
        byte[] payload = new byte[m.payload().readableBytes()];
        m.payload().readBytes(payload);
        if (m.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE) {
            channel.writeAndFlush(MqttMessageBuilders.pubAck().packetId(m.variableHeader().packetId()).build());
        }
        Received r = new Received(topic, payload, m.fixedHeader().isRetain());
        for (Subscription s : subscriptions) {
            if (TopicFilter.matches(s.filter(), topic)) {
                try {
                    s.handler().accept(r);
                } catch (RuntimeException e) {
                    log.warn("mqtt subscriber of {}: {}", s.filter(), e.toString());
                }
            }
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<MqttMessage> {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            MqttMessageBuilders.ConnectBuilder b = MqttMessageBuilders.connect()
                    .protocolVersion(MqttVersion.MQTT_3_1_1)
                    .clientId(options.clientId())
                    // the publisher's queue is here, so its session need not outlive a broker restart
                    .cleanSession(options.cleanSession())
                    .keepAlive((int) Math.max(1, options.keepAlive().toSeconds()));
            if (options.will() != null) {
                b.willFlag(true).willQoS(MqttQoS.AT_LEAST_ONCE).willRetain(options.will().retained())
                        .willTopic(options.will().topic()).willMessage(options.will().payload());
            }
            if (options.user() != null) {
                b.hasUser(true).username(options.user());
                if (options.password() != null) {
                    b.hasPassword(true).password(options.password().getBytes(StandardCharsets.UTF_8));
                }
            }
            ctx.writeAndFlush(b.build());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, MqttMessage msg) {
            if (msg.decoderResult().isFailure()) {
                log.warn("mqtt: undecodable message from the broker: {}", msg.decoderResult().cause().toString());
                ctx.close();
                return;
            }
            switch (msg.fixedHeader().messageType()) {
                case CONNACK -> connAck(ctx, (MqttConnAckMessage) msg);
                case PUBACK -> acknowledged(((MqttPubAckMessage) msg).variableHeader().messageId());
                case PUBLISH -> received((MqttPublishMessage) msg);
                case PUBREL -> ctx.writeAndFlush(new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBCOMP, false,
                        MqttQoS.AT_MOST_ONCE, false, 2), msg.variableHeader()));
                default -> {
                    // SUBACK, PINGRESP: nothing to do
                }
            }
        }

        private void connAck(ChannelHandlerContext ctx, MqttConnAckMessage m) {
            MqttConnectReturnCode code = m.variableHeader().connectReturnCode();
            if (code != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                refused.incrementAndGet();
                log.warn("mqtt broker {}:{} refused the connection: {}", options.endpoint().host(),
                        options.endpoint().port(), code);
                ctx.close();
                return;
            }
            connected = true;
            connects.incrementAndGet();
            backoffMillis = options.minBackoff().toMillis();
            log.info("mqtt connected to {}:{} ({} queued)", options.endpoint().host(), options.endpoint().port(), queue.size());
            sendSubscribe(subscriptions);
            for (Runnable r : onConnect) {
                r.run();
            }
            flush();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent e) {
                if (e.state() == IdleState.WRITER_IDLE) {
                    ctx.writeAndFlush(MqttMessage.PINGREQ);
                } else if (e.state() == IdleState.READER_IDLE) {
                    log.warn("mqtt broker silent for 1.5 keep-alives: reconnecting");
                    ctx.close();
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            boolean was = connected;
            connected = false;
            if (channel == ctx.channel()) {
                channel = null;
            }
            // unacknowledged messages go again, in order, on the next connection
            sent = 0;
            inFlight.clear();
            if (was) {
                log.info("mqtt connection lost ({} queued)", queue.size());
            }
            if (closing) {
                if (drained != null) {
                    drained.complete(null);
                }
            } else {
                reconnectLater();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("mqtt: {}", cause.toString());
            ctx.close();
        }
    }

    /** {@code publish} from within an {@link #onConnect} action: goes ahead of everything still queued. */
    void publishFirst(Publication p) {
        // called on the loop right after CONNACK, when nothing is on the wire
        queue.addFirst(new Pending(p));
        queued = queue.size();
    }
}

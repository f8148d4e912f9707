package io.gscam.camera.alarm;

import io.gscam.protocol.grandstream.DeviceModel;
import io.gscam.protocol.grandstream.GrandstreamChannel;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code --alarm-every SECONDS}: a demo MOTION alarm every period, on the model's channels in turn
 * (0, 1, ... 7, 0, ...), so that an NVR's alarm handling can be watched without pressing anything.
 */
public final class AlarmTicker implements AutoCloseable {
    private final AlarmBus bus;
    private final List<Integer> channels;
    private final InstantSource clock;
    private int next;
    private ScheduledFuture<?> task;

    public AlarmTicker(AlarmBus bus, DeviceModel model, InstantSource clock) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.channels = model.channels().stream().map(GrandstreamChannel::number).toList();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Publishes the next alarm now: a MOTION alarm on the next channel in turn. */
    public synchronized Alarm tick() {
        Alarm a = new Alarm(channels.get(next), AlarmSource.MOTION, clock.instant());
        next = (next + 1) % channels.size();
        bus.publish(a);
        return a;
    }

    /** Ticks every {@code period} on {@code scheduler}, the first after one period. */
    public synchronized void start(ScheduledExecutorService scheduler, Duration period) {
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("alarm period must be positive: " + period);
        }
        task = scheduler.scheduleAtFixedRate(this::tick, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel(false);
        }
    }
}

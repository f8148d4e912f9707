package io.gscam.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.util.function.UnaryOperator;

/**
 * gscam's logging, set up in code (found by Logback through {@code META-INF/services}): reading an
 * XML file costs Logback's Joran and the JDK's XML parser, about 0.2 s of every start-up, and its
 * pattern layout another 40 ms, which {@link LogLineLayout} saves.
 *
 * <p>Logs go to stderr so that stdout stays machine-readable (probe in JSON, events), one line each,
 * {@code HH:mm:ss.SSS LEVEL Logger - message}. Netty logs at WARN; {@code io.gscam.client} at
 * {@code GSCAM_CLIENT_LOG_LEVEL} (default WARN: the client commands report failures in one line of
 * their own, and the client's log says the same at INFO); everything else at {@code GSCAM_LOG_LEVEL}
 * (default INFO). Both are read from a system property of that name, else the environment. With
 * {@code -Dlogback.configurationFile=FILE}, that file configures Logback instead.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    private final UnaryOperator<String> settings;

    /** As Logback makes it: settings from system properties, else the environment. */
    public LogConfigurator() {
        this(name -> {
            String value = System.getProperty(name);
            return value != null ? value : System.getenv(name);
        });
    }

    LogConfigurator(UnaryOperator<String> settings) {
        this.settings = settings;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (settings.apply("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        LogLineLayout layout = new LogLineLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();

        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        context.getLogger("io.netty").setLevel(Level.WARN);
        context.getLogger("io.gscam.client").setLevel(level("GSCAM_CLIENT_LOG_LEVEL", Level.WARN));
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(level("GSCAM_LOG_LEVEL", Level.INFO));
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** A level setting; an unknown name reads as DEBUG, as Logback's XML configuration reads it. */
    private Level level(String name, Level unset) {
        String value = settings.apply(name);
        return value == null ? unset : Level.toLevel(value.trim());
    }
}

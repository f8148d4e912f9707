package io.gscam.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class LogConfiguratorTest {
    private static LoggerContext configured(Map<String, String> settings, Configurator.ExecutionStatus expected) {
        LoggerContext context = new LoggerContext();
        LogConfigurator configurator = new LogConfigurator(settings::get);
        configurator.setContext(context);
        assertThat(configurator.configure(context)).isEqualTo(expected);
        return context;
    }

    private static List<Appender<ILoggingEvent>> rootAppenders(LoggerContext context) {
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders().forEachRemaining(appenders::add);
        return appenders;
    }

    @Test
    void defaults_oneLinePerEventOnStderr_infoButNettyAndTheClientAtWarn() {
        LoggerContext context = configured(Map.of(), Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("io.netty").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.gscam.client").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.gscam.camera.CameraServer").getEffectiveLevel()).isEqualTo(Level.INFO);

        List<Appender<ILoggingEvent>> appenders = rootAppenders(context);
        assertThat(appenders).hasSize(1);
        ConsoleAppender<ILoggingEvent> stderr = (ConsoleAppender<ILoggingEvent>) appenders.get(0);
        assertThat(stderr.isStarted()).isTrue();
        assertThat(stderr.getTarget()).isEqualTo("System.err");
        LayoutWrappingEncoder<ILoggingEvent> encoder = (LayoutWrappingEncoder<ILoggingEvent>) stderr.getEncoder();
        assertThat(encoder.getLayout()).isInstanceOf(LogLineLayout.class);
        assertThat(LogLineLayout.PATTERN).isEqualTo("%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n");

        ch.qos.logback.classic.Logger logger = context.getLogger("io.gscam.camera.CameraServer");
        var event = new ch.qos.logback.classic.spi.LoggingEvent("fqcn", logger, Level.WARN, "listening on {}", null,
                new Object[] {8554});
        assertThat(new String(encoder.encode(event), StandardCharsets.UTF_8))
                .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  CameraServer - listening on 8554\\R");
    }

    @Test
    void levels_fromGscamLogLevelAndGscamClientLogLevel_unknownNamesReadAsDebug() {
        LoggerContext context = configured(Map.of("GSCAM_LOG_LEVEL", "warn", "GSCAM_CLIENT_LOG_LEVEL", "INFO"),
                Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.gscam.client").getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("io.netty").getLevel()).isEqualTo(Level.WARN);

        LoggerContext unknown = configured(Map.of("GSCAM_LOG_LEVEL", "chatty"), Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        assertThat(unknown.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.DEBUG);
    }

    @Test
    void aConfigurationFileGiven_isLeftToLogback() {
        LoggerContext context = configured(Map.of("logback.configurationFile", "/tmp/mine.xml"),
                Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(rootAppenders(context)).isEmpty();
        assertThat(context.getLogger("io.netty").getLevel()).isNull();
    }

    @Test
    void logbackFindsIt_andThisJvmsLoggingIsItsOwn() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(p -> p.type().getName()))
                .contains(LogConfigurator.class.getName());
        LoggerContext running = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(running.getLogger("io.netty").getLevel()).isEqualTo(Level.WARN);
        assertThat(rootAppenders(running)).singleElement().extracting(Appender::getName).isEqualTo("STDERR");
    }
}

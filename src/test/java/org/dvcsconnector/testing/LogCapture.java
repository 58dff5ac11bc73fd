package org.dvcsconnector.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Everything logged through logback while attached (the plugin logs through the host's slf4j, so its
 * events arrive here too), as text: each formatted message, its arguments, its MDC and its throwable
 * with causes and stack. Optionally lowers some loggers to DEBUG, restored on {@link #close()}.
 */
public final class LogCapture implements AutoCloseable {

    private final Collector collector = new Collector();
    private final Map<Logger, Level> previousLevels = new HashMap<>();

    private LogCapture(String... debugLoggers) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        collector.setContext(context);
        collector.setName("test-capture");
        collector.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(collector);
        for (String name : debugLoggers) {
            Logger logger = context.getLogger(name);
            previousLevels.put(logger, logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
    }

    /** Starts capturing; {@code debugLoggers} log at DEBUG until closed. */
    public static LogCapture start(String... debugLoggers) {
        return new LogCapture(debugLoggers);
    }

    /** One text per event captured so far. */
    public List<String> texts() {
        synchronized (collector) {
            return new ArrayList<>(collector.texts);
        }
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(collector);
        collector.stop();
        previousLevels.forEach(Logger::setLevel);
    }

    private static final class Collector extends AppenderBase<ILoggingEvent> {
        private final List<String> texts = new ArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            StringBuilder text = new StringBuilder();
            text.append(event.getLevel()).append(' ').append(event.getLoggerName()).append(" - ")
                    .append(event.getFormattedMessage());
            Object[] arguments = event.getArgumentArray();
            if (arguments != null) {
                for (Object argument : arguments) {
                    text.append(" | arg: ").append(argument);
                }
            }
            if (event.getMDCPropertyMap() != null && !event.getMDCPropertyMap().isEmpty()) {
                text.append(" | mdc: ").append(event.getMDCPropertyMap());
            }
            IThrowableProxy throwable = event.getThrowableProxy();
            if (throwable != null) {
                text.append('\n').append(ThrowableProxyUtil.asString(throwable));
            }
            texts.add(text.toString()); // AppenderBase.doAppend holds this appender's lock
        }
    }
}

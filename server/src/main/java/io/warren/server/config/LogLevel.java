package io.warren.server.config;

import java.util.Locale;

/**
 * The levels {@code log.console.level} accepts, in RabbitMQ's (syslog's) order from most to least
 * verbose. {@link #NONE} turns console logging off.
 */
public enum LogLevel {
    DEBUG, INFO, NOTICE, WARNING, ERROR, CRITICAL, ALERT, EMERGENCY, NONE;

    /** The spelling used in rabbitmq.conf, e.g. {@code warning}. */
    public String confValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static LogLevel fromConfValue(String value) {
        for (LogLevel level : values()) {
            if (level.confValue().equals(value)) {
                return level;
            }
        }
        throw new InvalidValueException("'" + value + "' is not a log level; use one of "
                + "debug, info, notice, warning, error, critical, alert, emergency, none");
    }
}

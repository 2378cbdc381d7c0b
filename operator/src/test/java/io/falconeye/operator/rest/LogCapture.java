package io.falconeye.operator.rest;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/** Every log line the application writes while it runs (root handler), with any stack trace, as text. */
final class LogCapture extends Handler {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private LogCapture() {
    }

    static LogCapture start() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    void stop() {
        Logger.getLogger("").removeHandler(this);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        StringBuilder line = new StringBuilder(record.getLoggerName() + " " + record.getLevel() + " " + message);
        if (record.getParameters() != null) {
            for (Object parameter : record.getParameters()) {
                line.append(' ').append(parameter);
            }
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        lines.add(line.toString());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}

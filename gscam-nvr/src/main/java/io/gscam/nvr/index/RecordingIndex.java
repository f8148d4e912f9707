package io.gscam.nvr.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The index of what is on disk: SQLite ({@code data/index.db}) in WAL mode, so readers (the API)
 * never wait for the recorders' writes. A segment row is added only once its file and directory
 * are on disk (see {@code SegmentWriter}), so every row names a complete file; files without a row
 * are what start-up recovery looks at. Times are stored as epoch milliseconds.
 *
 * <p>Each camera's segment count and bytes are kept in memory as well, read from the table at open
 * and changed with every row added or deleted here (the only place that does), so retention
 * never has to read weeks of rows to learn them.
 *
 * <p>Thread safe (one connection, calls serialised). Blocking: never call it from an event loop.
 */
public final class RecordingIndex implements AutoCloseable {
    private final Connection db;
    /** camera -> {segments, bytes}, for cameras with at least one segment. */
    private final Map<String, long[]> usage = new HashMap<>();

    private RecordingIndex(Connection db) throws SQLException {
        this.db = db;
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT camera, COUNT(*), SUM(bytes) FROM segments GROUP BY camera")) {
            while (r.next()) {
                usage.put(r.getString(1), new long[]{r.getLong(2), r.getLong(3)});
            }
        }
    }

    /** Opens (or creates) {@code dataDir/index.db}. */
    public static RecordingIndex open(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("index.db").toAbsolutePath());
            try {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA journal_mode=WAL");
                    // FULL: a committed row survives a power cut, as the segment bytes it names do.
                    s.execute("PRAGMA synchronous=FULL");
                    s.execute("PRAGMA busy_timeout=5000");
                    s.execute("CREATE TABLE IF NOT EXISTS segments (id INTEGER PRIMARY KEY, camera TEXT NOT NULL,"
                            + " path TEXT NOT NULL UNIQUE, start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL,"
                            + " bytes INTEGER NOT NULL, codecs TEXT NOT NULL)");
                    s.execute("CREATE INDEX IF NOT EXISTS segments_by_time ON segments (camera, start_ms)");
                    // Retention's oldest of all cameras, without sorting every row.
                    s.execute("CREATE INDEX IF NOT EXISTS segments_by_start ON segments (start_ms)");
                    s.execute("CREATE TABLE IF NOT EXISTS gaps (id INTEGER PRIMARY KEY, camera TEXT NOT NULL,"
                            + " start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL, cause TEXT NOT NULL)");
                    s.execute("CREATE INDEX IF NOT EXISTS gaps_by_time ON gaps (camera, start_ms)");
                    s.execute("CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, camera TEXT NOT NULL,"
                            + " channel INTEGER NOT NULL, source TEXT NOT NULL, start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL)");
                    s.execute("CREATE INDEX IF NOT EXISTS events_by_time ON events (camera, start_ms)");
                }
                return new RecordingIndex(c);
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new IOException("cannot open the index in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    // ---- segments ----

    public synchronized Segment addSegment(String camera, String path, Instant start, Instant end, long bytes, String codecs)
            throws IOException {
        try (PreparedStatement p = db.prepareStatement(
                "INSERT INTO segments (camera, path, start_ms, end_ms, bytes, codecs) VALUES (?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            p.setString(1, camera);
            p.setString(2, path);
            p.setLong(3, start.toEpochMilli());
            p.setLong(4, end.toEpochMilli());
            p.setLong(5, bytes);
            p.setString(6, codecs);
            p.executeUpdate();
            try (ResultSet k = p.getGeneratedKeys()) {
                k.next();
                Segment added = new Segment(k.getLong(1), camera, path, start, end, bytes, codecs);
                count(camera, 1, bytes);
                return added;
            }
        } catch (SQLException e) {
            throw io(e);
        }
    }

    /** Segments of {@code camera} that overlap [from, to), oldest first; null bounds are open. */
    public synchronized List<Segment> segments(String camera, Instant from, Instant to) throws IOException {
        return querySegments("SELECT * FROM segments WHERE camera = ? AND end_ms > ? AND start_ms < ? ORDER BY start_ms",
                camera, from == null ? Long.MIN_VALUE : from.toEpochMilli(), to == null ? Long.MAX_VALUE : to.toEpochMilli());
    }

    /** Every segment, oldest first (by start), all cameras. */
    public synchronized List<Segment> allSegments() throws IOException {
        return querySegments("SELECT * FROM segments ORDER BY start_ms");
    }

    /** The {@code limit} oldest segments (by start) of {@code camera}, or of all cameras when it is null. */
    public synchronized List<Segment> oldestSegments(String camera, int limit) throws IOException {
        return camera == null
                ? querySegments("SELECT * FROM segments ORDER BY start_ms LIMIT ?", limit)
                : querySegments("SELECT * FROM segments WHERE camera = ? ORDER BY start_ms LIMIT ?", camera, limit);
    }

    /** Bytes of every camera's segments, for the cameras that have any; from memory. */
    public synchronized Map<String, Long> bytesByCamera() {
        Map<String, Long> out = new HashMap<>();
        usage.forEach((camera, u) -> out.put(camera, u[1]));
        return out;
    }

    private void count(String camera, long segments, long bytes) {
        long[] u = usage.computeIfAbsent(camera, c -> new long[2]);
        u[0] += segments;
        u[1] += bytes;
        if (u[0] <= 0) {
            usage.remove(camera);
        }
    }

    public synchronized Optional<Segment> lastSegment(String camera) throws IOException {
        List<Segment> l = querySegments("SELECT * FROM segments WHERE camera = ? ORDER BY end_ms DESC LIMIT 1", camera);
        return l.stream().findFirst();
    }

    public synchronized boolean hasPath(String path) throws IOException {
        try (PreparedStatement p = db.prepareStatement("SELECT 1 FROM segments WHERE path = ?")) {
            p.setString(1, path);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw io(e);
        }
    }

    public synchronized void deleteSegment(long id) throws IOException {
        try (PreparedStatement p = db.prepareStatement("DELETE FROM segments WHERE id = ? RETURNING camera, bytes")) {
            p.setLong(1, id);
            try (ResultSet r = p.executeQuery()) {
                if (r.next()) {
                    count(r.getString(1), -1, -r.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw io(e);
        }
    }

    private List<Segment> querySegments(String sql, Object... args) throws IOException {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            bind(p, args);
            List<Segment> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new Segment(r.getLong("id"), r.getString("camera"), r.getString("path"),
                            Instant.ofEpochMilli(r.getLong("start_ms")), Instant.ofEpochMilli(r.getLong("end_ms")),
                            r.getLong("bytes"), r.getString("codecs")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw io(e);
        }
    }

    // ---- gaps ----

    public synchronized void addGap(Gap gap) throws IOException {
        update("INSERT INTO gaps (camera, start_ms, end_ms, cause) VALUES (?, ?, ?, ?)",
                gap.camera(), gap.start().toEpochMilli(), gap.end().toEpochMilli(), gap.cause());
    }

    /** Gaps of {@code camera} overlapping [from, to), oldest first; null bounds are open. */
    public synchronized List<Gap> gaps(String camera, Instant from, Instant to) throws IOException {
        try (PreparedStatement p = db.prepareStatement(
                "SELECT * FROM gaps WHERE camera = ? AND end_ms > ? AND start_ms < ? ORDER BY start_ms")) {
            bind(p, camera, from == null ? Long.MIN_VALUE : from.toEpochMilli(), to == null ? Long.MAX_VALUE : to.toEpochMilli());
            List<Gap> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new Gap(r.getString("camera"), Instant.ofEpochMilli(r.getLong("start_ms")),
                            Instant.ofEpochMilli(r.getLong("end_ms")), r.getString("cause")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw io(e);
        }
    }

    /** Forgets gaps that ended before {@code before} (retention: nothing is left to be missing from). */
    public synchronized void deleteGapsBefore(String camera, Instant before) throws IOException {
        update("DELETE FROM gaps WHERE camera = ? AND end_ms < ?", camera, before.toEpochMilli());
    }

    // ---- events ----

    public synchronized RecordedEvent addEvent(String camera, int channel, String source, Instant start, Instant end)
            throws IOException {
        try (PreparedStatement p = db.prepareStatement(
                "INSERT INTO events (camera, channel, source, start_ms, end_ms) VALUES (?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            bind(p, camera, channel, source, start.toEpochMilli(), end.toEpochMilli());
            p.executeUpdate();
            try (ResultSet k = p.getGeneratedKeys()) {
                k.next();
                return new RecordedEvent(k.getLong(1), camera, channel, source, start, end);
            }
        } catch (SQLException e) {
            throw io(e);
        }
    }

    public synchronized void updateEventEnd(long id, Instant end) throws IOException {
        update("UPDATE events SET end_ms = ? WHERE id = ?", end.toEpochMilli(), id);
    }

    /** Events overlapping [from, to), oldest first; a null camera means every camera. */
    public synchronized List<RecordedEvent> events(String camera, Instant from, Instant to) throws IOException {
        String sql = "SELECT * FROM events WHERE end_ms > ? AND start_ms < ?" + (camera == null ? "" : " AND camera = ?")
                + " ORDER BY start_ms";
        try (PreparedStatement p = db.prepareStatement(sql)) {
            long f = from == null ? Long.MIN_VALUE : from.toEpochMilli();
            long t = to == null ? Long.MAX_VALUE : to.toEpochMilli();
            if (camera == null) {
                bind(p, f, t);
            } else {
                bind(p, f, t, camera);
            }
            List<RecordedEvent> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new RecordedEvent(r.getLong("id"), r.getString("camera"), r.getInt("channel"),
                            r.getString("source"), Instant.ofEpochMilli(r.getLong("start_ms")),
                            Instant.ofEpochMilli(r.getLong("end_ms"))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw io(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            db.close();
        } catch (SQLException e) {
            throw io(e);
        }
    }

    private void update(String sql, Object... args) throws IOException {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            bind(p, args);
            p.executeUpdate();
        } catch (SQLException e) {
            throw io(e);
        }
    }

    private static void bind(PreparedStatement p, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            p.setObject(i + 1, args[i]);
        }
    }

    private static IOException io(SQLException e) {
        return new IOException("index: " + e.getMessage(), e);
    }
}

package io.millrace.speed.model;

import io.millrace.schemas.Stage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The versions of one model and their stages, without their state: what scoring needs to route an event.
 *
 * <p>Which version serves: among the versions in stage PRODUCTION, the one published last ({@code created_at},
 * ties to the higher version) is the production version; likewise for CANARY. So promoting or rolling back is
 * one record (the version republished with its new stage and time); older PRODUCTION records need not be
 * rewritten. Every SHADOW version scores in shadow. CANDIDATE and ARCHIVED versions do not score.
 */
public record RoutingTable(List<Entry> entries) {

    /** One version's routing facts. */
    public record Entry(int version, Stage stage, double canaryShare, long createdAt) {
    }

    private static final Comparator<Entry> LATEST = Comparator.comparingLong(Entry::createdAt).thenComparingInt(Entry::version);

    public RoutingTable {
        entries = List.copyOf(entries);
    }

    public static RoutingTable empty() {
        return new RoutingTable(List.of());
    }

    /** This table with {@code entry} added, or replacing the entry of the same version. */
    public RoutingTable with(Entry entry) {
        List<Entry> next = new ArrayList<>(entries.size() + 1);
        for (Entry existing : entries) {
            if (existing.version() != entry.version()) {
                next.add(existing);
            }
        }
        next.add(entry);
        next.sort(Comparator.comparingInt(Entry::version));
        return new RoutingTable(next);
    }

    /** This table without {@code version}. */
    public RoutingTable without(int version) {
        return new RoutingTable(entries.stream().filter(entry -> entry.version() != version).toList());
    }

    public Optional<Entry> production() {
        return latestIn(Stage.PRODUCTION);
    }

    public Optional<Entry> canary() {
        return latestIn(Stage.CANARY);
    }

    /** Every SHADOW version, by version number. */
    public List<Entry> shadows() {
        return entries.stream().filter(entry -> entry.stage() == Stage.SHADOW).toList();
    }

    /** The highest version number of any stage; 0 when there is none. */
    public int latestVersion() {
        return entries.stream().mapToInt(Entry::version).max().orElse(0);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    private Optional<Entry> latestIn(Stage stage) {
        return entries.stream().filter(entry -> entry.stage() == stage).max(LATEST);
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8 + entries.size() * 24);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeInt(entries.size());
            for (Entry entry : entries) {
                out.writeInt(entry.version());
                out.writeByte(entry.stage().ordinal());
                out.writeDouble(entry.canaryShare());
                out.writeLong(entry.createdAt());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static RoutingTable fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readByte() != 1) {
                throw new IllegalStateException("routing table of an unknown format");
            }
            int count = in.readInt();
            List<Entry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                entries.add(new Entry(in.readInt(), Stage.values()[in.readByte()], in.readDouble(), in.readLong()));
            }
            return new RoutingTable(entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

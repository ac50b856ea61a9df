package course.sandbox.dynamodb.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Capacity units an operation consumed on one table and its indexes. Reads cost one unit per
 * 4 KB (rounded up; half for eventually consistent reads), writes one unit per 1 KB, and
 * transactional reads and writes twice as much.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
 */
public final class Capacity {
    private static final int READ_UNIT_BYTES = 4 * 1024;
    private static final int WRITE_UNIT_BYTES = 1024;

    private final String tableName;
    private final boolean write;
    private double table;
    private final Map<String, Double> globalIndexes = new LinkedHashMap<>();
    private final Map<String, Double> localIndexes = new LinkedHashMap<>();

    public Capacity(String tableName, boolean write) {
        this.tableName = tableName;
        this.write = write;
    }

    /** Units to read {@code bytes} (at least one unit's worth, even for nothing found). */
    public static double readUnits(long bytes, boolean consistent, boolean transactional) {
        double units = Math.max(1, (bytes + READ_UNIT_BYTES - 1) / READ_UNIT_BYTES);
        return units * (transactional ? 2 : consistent ? 1 : 0.5);
    }

    public static double writeUnits(long bytes, boolean transactional) {
        double units = Math.max(1, (bytes + WRITE_UNIT_BYTES - 1) / WRITE_UNIT_BYTES);
        return units * (transactional ? 2 : 1);
    }

    public void addTable(double units) {
        table += units;
    }

    public void addIndex(SecondaryIndex index, double units) {
        (index.global() ? globalIndexes : localIndexes).merge(index.name(), units, Double::sum);
    }

    public void add(Capacity other) {
        table += other.table;
        other.globalIndexes.forEach((name, units) -> globalIndexes.merge(name, units, Double::sum));
        other.localIndexes.forEach((name, units) -> localIndexes.merge(name, units, Double::sum));
    }

    public String tableName() {
        return tableName;
    }

    public boolean write() {
        return write;
    }

    public double table() {
        return table;
    }

    public Map<String, Double> globalIndexes() {
        return globalIndexes;
    }

    public Map<String, Double> localIndexes() {
        return localIndexes;
    }

    public double total() {
        double total = table;
        for (double units : globalIndexes.values()) {
            total += units;
        }
        for (double units : localIndexes.values()) {
            total += units;
        }
        return total;
    }
}

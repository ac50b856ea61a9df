package course.sandbox.dynamodb.model;

import java.util.Map;

/** Where a database's changes go to survive a restart; nowhere for a sandbox kept in memory. */
public interface Journal {
    Journal NONE = new Journal() {
    };

    default void tableChanged(Database database, Table table) {
    }

    default void tableDeleted(Database database, String table) {
    }

    default void itemStored(Database database, Table table, StoredItem item) {
    }

    default void itemRemoved(Database database, Table table, Map<String, AttributeValue> key) {
    }
}

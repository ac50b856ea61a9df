package course.sandbox.dynamodb.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What CreateTable asks for, checked with DynamoDB's rules and messages before any table exists.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
 */
public record TableSpec(String name, List<AttributeDefinition> attributes, List<KeyElement> keySchema,
                        List<IndexSpec> localIndexes, List<IndexSpec> globalIndexes, Optional<String> billingMode,
                        Optional<Throughput> throughput, Optional<String> streamViewType, Map<String, String> tags,
                        Optional<String> tableClass, boolean deletionProtection) {
    static final int MAX_LOCAL_INDEXES = 5;
    static final int MAX_GLOBAL_INDEXES = 20;
    static final long MAX_CAPACITY = 1_000_000_000_000L;

    public record AttributeDefinition(String name, ScalarType type) {
    }

    public record KeyElement(String name, String keyType) {
    }

    /** A secondary index to create; a null projection type is refused with DynamoDB's message. */
    public record IndexSpec(String name, List<KeyElement> keySchema, String projectionType, List<String> nonKeyAttributes,
                            Optional<Throughput> throughput) {
    }

    /** Checks the definition and returns the table key; throws ValidationException with DynamoDB's wording. */
    KeyDefinition validate() {
        String billing = billingMode.orElse("PROVISIONED");
        checkBilling(billing, throughput);
        Map<String, ScalarType> definitions = new LinkedHashMap<>();
        for (AttributeDefinition attribute : attributes) {
            if (definitions.put(attribute.name(), attribute.type()) != null) {
                throw DynamoDbError.validation("Cannot have two attributes with the same name");
            }
        }
        KeyDefinition key = keyOf(keySchema, definitions, null);
        Set<String> used = new LinkedHashSet<>(key.names());
        Set<String> indexNames = new LinkedHashSet<>();
        if (!localIndexes.isEmpty() && key.sortKey().isEmpty()) {
            throw DynamoDbError.validation("One or more parameter values were invalid: Table KeySchema does not have a range key, "
                    + "which is required when specifying a LocalSecondaryIndex");
        }
        for (IndexSpec index : localIndexes) {
            KeyDefinition indexKey = keyOf(index.keySchema(), definitions, index.name());
            if (indexKey.sortKey().isEmpty()) {
                throw DynamoDbError.validation("One or more parameter values were invalid: Index KeySchema does not have a range key for index: "
                        + index.name());
            }
            if (!indexKey.partitionKey().equals(key.partitionKey())) {
                throw DynamoDbError.validation("One or more parameter values were invalid: Index KeySchema does not have the same leading hash key "
                        + "as table KeySchema for index: " + index.name() + ". index hash key: " + indexKey.partitionKey()
                        + ", table hash key: " + key.partitionKey());
            }
            checkIndex(index, indexNames);
            if (index.throughput().isPresent()) {
                throw DynamoDbError.validation("One or more parameter values were invalid: ProvisionedThroughput should not be specified for "
                        + "local secondary index: " + index.name());
            }
            used.addAll(indexKey.names());
        }
        if (localIndexes.size() > MAX_LOCAL_INDEXES) {
            throw DynamoDbError.validation("One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds per-table limit of 5");
        }
        for (IndexSpec index : globalIndexes) {
            KeyDefinition indexKey = keyOf(index.keySchema(), definitions, index.name());
            checkIndex(index, indexNames);
            if (billing.equals("PAY_PER_REQUEST") && index.throughput().isPresent()) {
                throw DynamoDbError.validation("One or more parameter values were invalid: ProvisionedThroughput should not be specified for index: "
                        + index.name() + " when BillingMode is PAY_PER_REQUEST");
            }
            if (billing.equals("PROVISIONED")) {
                checkBilling(billing, index.throughput());
            }
            used.addAll(indexKey.names());
        }
        if (globalIndexes.size() > MAX_GLOBAL_INDEXES) {
            throw DynamoDbError.validation("One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of 20");
        }
        if (!used.containsAll(definitions.keySet())) {
            if (localIndexes.isEmpty() && globalIndexes.isEmpty()) {
                throw DynamoDbError.validation("One or more parameter values were invalid: Number of attributes in KeySchema does not exactly "
                        + "match number of attributes defined in AttributeDefinitions");
            }
            throw DynamoDbError.validation("One or more parameter values were invalid: Some AttributeDefinitions are not used. AttributeDefinitions: "
                    + definitions.keySet().stream().toList() + ", keys used: " + new ArrayList<>(used));
        }
        return key;
    }

    static void checkBilling(String billing, Optional<Throughput> throughput) {
        if (billing.equals("PAY_PER_REQUEST")) {
            if (throughput.isPresent()) {
                throw DynamoDbError.validation("One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits "
                        + "can be specified when BillingMode is PAY_PER_REQUEST");
            }
            return;
        }
        if (throughput.isEmpty()) {
            throw DynamoDbError.validation("One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both "
                    + "be specified when BillingMode is PROVISIONED");
        }
        if (throughput.get().read() > MAX_CAPACITY) {
            throw DynamoDbError.validation("Given value " + throughput.get().read() + " for ReadCapacityUnits is out of bounds");
        }
        if (throughput.get().write() > MAX_CAPACITY) {
            throw DynamoDbError.validation("Given value " + throughput.get().write() + " for WriteCapacityUnits is out of bounds");
        }
    }

    private static void checkIndex(IndexSpec index, Set<String> names) {
        if (index.projectionType() == null) {
            throw DynamoDbError.validation("One or more parameter values were invalid: Unknown ProjectionType: null");
        }
        if (!index.nonKeyAttributes().isEmpty() && !index.projectionType().equals("INCLUDE")) {
            throw DynamoDbError.validation("One or more parameter values were invalid: ProjectionType is " + index.projectionType()
                    + ", but NonKeyAttributes is specified");
        }
        if (!names.add(index.name())) {
            throw DynamoDbError.validation("One or more parameter values were invalid: Duplicate index name: " + index.name());
        }
    }

    /** A key schema (of the table, or of the index named) turned into a key definition. */
    static KeyDefinition keyOf(List<KeyElement> elements, Map<String, ScalarType> definitions, String indexName) {
        List<String> names = elements.stream().map(KeyElement::name).toList();
        if (names.size() > definitions.size() && indexName == null) {
            throw DynamoDbError.validation("Invalid KeySchema: Some index key attribute have no definition");
        }
        for (String name : names) {
            if (!definitions.containsKey(name)) {
                throw DynamoDbError.validation("One or more parameter values were invalid: Some index key attributes are not defined in "
                        + "AttributeDefinitions. Keys: " + names + ", AttributeDefinitions: " + new ArrayList<>(definitions.keySet()));
            }
        }
        if (names.size() == 2 && names.get(0).equals(names.get(1))) {
            throw DynamoDbError.validation("Both the Hash Key and the Range Key element in the KeySchema have the same name");
        }
        if (!elements.get(0).keyType().equals("HASH")) {
            throw DynamoDbError.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        if (elements.size() == 2 && !elements.get(1).keyType().equals("RANGE")) {
            throw DynamoDbError.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
        }
        String partition = names.get(0);
        return elements.size() == 1 ? KeyDefinition.of(partition, definitions.get(partition))
                : KeyDefinition.of(partition, definitions.get(partition), names.get(1), definitions.get(names.get(1)));
    }
}

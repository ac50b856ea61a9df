package course.sandbox.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * boto3's DynamoDB resource and client against the sandbox: Decimal numbers, condition
 * builders, the batch writer, paginators, transactions and botocore's error parsing.
 */
class DynamoDbBoto3Test {
    private static RunningSandbox sandbox;

    @BeforeAll
    static void start() {
        ExternalClient.requireBoto3();
        sandbox = RunningSandbox.start();
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void boto3ResourceScenario() {
        String script = String.join("\n",
                "import boto3, sys",
                "from decimal import Decimal",
                "from boto3.dynamodb.conditions import Key, Attr",
                "from botocore.exceptions import ClientError",
                "endpoint = sys.argv[1]",
                "ddb = boto3.resource('dynamodb', endpoint_url=endpoint, region_name='us-east-1')",
                "table = ddb.create_table(TableName='Books', BillingMode='PAY_PER_REQUEST',",
                "    KeySchema=[{'AttributeName': 'author', 'KeyType': 'HASH'}, {'AttributeName': 'title', 'KeyType': 'RANGE'}],",
                "    AttributeDefinitions=[{'AttributeName': 'author', 'AttributeType': 'S'}, {'AttributeName': 'title', 'AttributeType': 'S'}])",
                "table.wait_until_exists()",
                "with table.batch_writer() as batch:",
                "    for i in range(30):",
                "        batch.put_item(Item={'author': 'ann' if i % 2 else 'bob', 'title': 'book %02d' % i, 'price': Decimal('9.50') + i})",
                "print('count', table.item_count if False else len(table.scan()['Items']))",
                "q = table.query(KeyConditionExpression=Key('author').eq('ann') & Key('title').begins_with('book 1'))",
                "print('ann-1x', [item['title'] for item in q['Items']])",
                "s = table.scan(FilterExpression=Attr('price').gt(Decimal('35')))",
                "print('pricey', sorted(item['title'] for item in s['Items']))",
                "u = table.update_item(Key={'author': 'ann', 'title': 'book 01'}, UpdateExpression='SET price = price + :d',",
                "    ExpressionAttributeValues={':d': Decimal('0.25')}, ReturnValues='UPDATED_NEW')",
                "print('price', u['Attributes']['price'])",
                "try:",
                "    table.put_item(Item={'author': 'ann', 'title': 'book 01'}, ConditionExpression='attribute_not_exists(title)')",
                "except ClientError as e:",
                "    print('error', e.response['Error']['Code'])",
                "client = boto3.client('dynamodb', endpoint_url=endpoint, region_name='us-east-1')",
                "pages = client.get_paginator('query').paginate(TableName='Books', KeyConditionExpression='author = :a',",
                "    ExpressionAttributeValues={':a': {'S': 'bob'}}, PaginationConfig={'PageSize': 4})",
                "print('pages', sum(1 for _ in pages))",
                "client.transact_write_items(ClientRequestToken='once', TransactItems=[{'Update': {'TableName': 'Books',",
                "    'Key': {'author': {'S': 'bob'}, 'title': {'S': 'book 00'}}, 'UpdateExpression': 'ADD sold :one',",
                "    'ExpressionAttributeValues': {':one': {'N': '1'}}}}])",
                "client.transact_write_items(ClientRequestToken='once', TransactItems=[{'Update': {'TableName': 'Books',",
                "    'Key': {'author': {'S': 'bob'}, 'title': {'S': 'book 00'}}, 'UpdateExpression': 'ADD sold :one',",
                "    'ExpressionAttributeValues': {':one': {'N': '1'}}}}])",
                "print('sold', table.get_item(Key={'author': 'bob', 'title': 'book 00'}, ConsistentRead=True)['Item']['sold'])",
                "try:",
                "    client.get_item(TableName='Books', Key={'author': {'S': 'ann'}})",
                "except ClientError as e:",
                "    print('error', e.response['Error']['Code'], e.response['Error']['Message'])",
                "table.delete()",
                "table.wait_until_not_exists()",
                "print('tables', client.list_tables()['TableNames'])");
        ExternalClient.Result result = ExternalClient.run(List.of(ExternalClient.PYTHON.toString(), "-c", script,
                sandbox.endpoint().toString()), Map.of("AWS_ACCESS_KEY_ID", RunningSandbox.ROOT.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", RunningSandbox.ROOT.secretAccessKey()));
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("""
                count 30
                ann-1x ['book 11', 'book 13', 'book 15', 'book 17', 'book 19']
                pricey ['book 26', 'book 27', 'book 28', 'book 29']
                price 10.75
                error ConditionalCheckFailedException
                pages 4
                sold 1
                error ValidationException The provided key element does not match the schema
                tables []
                """, result.stdout());
    }
}

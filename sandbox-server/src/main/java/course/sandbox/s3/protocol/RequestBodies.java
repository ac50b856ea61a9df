package course.sandbox.s3.protocol;

import course.sandbox.s3.S3Errors;

import course.sandbox.s3.CompletedPart;
import course.sandbox.s3.ObjectIdentifier;
import course.sandbox.s3.VersioningStatus;
import course.sandbox.service.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The XML request bodies of S3 operations, read into the model's types. */
final class RequestBodies {
    private RequestBodies() {
    }

    /** DeleteObjects: {@code <Delete><Quiet/><Object><Key/><VersionId/></Object>...</Delete>}. */
    record DeleteRequest(List<ObjectIdentifier> objects, boolean quiet) {
        static DeleteRequest parse(S3Request request) {
            XmlBody delete = XmlBody.parse(request.body(), "Delete", request.resource());
            List<ObjectIdentifier> objects = new ArrayList<>();
            for (XmlBody object : delete.children("Object")) {
                String key = object.text("Key").orElseThrow(() -> S3Errors.malformedXml(request.resource()));
                objects.add(new ObjectIdentifier(key, object.text("VersionId").filter(id -> !id.isEmpty()).orElse(null)));
            }
            boolean quiet = delete.text("Quiet").map(text -> text.trim().equalsIgnoreCase("true")).orElse(false);
            return new DeleteRequest(objects, quiet);
        }
    }

    /** CompleteMultipartUpload: the parts in the order listed. */
    static List<CompletedPart> completedParts(S3Request request) {
        XmlBody complete = XmlBody.parse(request.body(), "CompleteMultipartUpload", request.resource());
        List<CompletedPart> parts = new ArrayList<>();
        for (XmlBody part : complete.children("Part")) {
            String number = part.text("PartNumber").orElseThrow(() -> S3Errors.malformedXml(request.resource()));
            try {
                parts.add(new CompletedPart(Integer.parseInt(number.trim()), part.text("ETag").orElse(null)));
            } catch (NumberFormatException e) {
                throw S3Errors.malformedXml(request.resource());
            }
        }
        return parts;
    }

    /** {@code <Tagging><TagSet><Tag><Key/><Value/></Tag>...</TagSet></Tagging>}. */
    static List<Tag> tagSet(S3Request request) {
        XmlBody tagging = XmlBody.parse(request.body(), "Tagging", request.resource());
        XmlBody tagSet = tagging.child("TagSet").orElseThrow(() -> S3Errors.malformedXml(request.resource()));
        List<Tag> tags = new ArrayList<>();
        for (XmlBody tag : tagSet.children("Tag")) {
            String key = tag.text("Key").orElseThrow(() -> S3Errors.malformedXml(request.resource()));
            tags.add(new Tag(key, tag.text("Value").orElse("")));
        }
        return tags;
    }

    /** {@code <VersioningConfiguration><Status>Enabled|Suspended</Status></VersioningConfiguration>}. */
    static VersioningStatus versioning(S3Request request) {
        XmlBody configuration = XmlBody.parse(request.body(), "VersioningConfiguration", request.resource());
        return switch (configuration.text("Status").map(String::trim).orElse("")) {
            case "Enabled" -> VersioningStatus.ENABLED;
            case "Suspended" -> VersioningStatus.SUSPENDED;
            default -> throw S3Errors.malformedXml(request.resource());
        };
    }

    /** CreateBucket's optional {@code <CreateBucketConfiguration><LocationConstraint/>}; empty without a body. */
    static Optional<String> locationConstraint(S3Request request) {
        if (request.body().length == 0) {
            return Optional.empty();
        }
        XmlBody configuration = XmlBody.parse(request.body(), "CreateBucketConfiguration", request.resource());
        return configuration.text("LocationConstraint").map(String::trim).filter(location -> !location.isEmpty());
    }
}

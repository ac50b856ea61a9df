package course.sandbox.s3;

import java.util.Optional;

/**
 * What S3's data plane asks about access points, which S3 Control keeps: the access point a
 * request names (by its host name or by its alias) and the account's Block Public Access.
 */
public interface AccessPointDirectory {

    /** No access points at all: S3 without S3 Control. */
    AccessPointDirectory NONE = new AccessPointDirectory() {
        @Override
        public Optional<AccessPoint> find(String account, String region, String name) {
            return Optional.empty();
        }

        @Override
        public Optional<AccessPoint> byAlias(String alias) {
            return Optional.empty();
        }

        @Override
        public PublicAccessBlock accountPublicAccessBlock(String account) {
            return PublicAccessBlock.NONE;
        }
    };

    Optional<AccessPoint> find(String account, String region, String name);

    /** The access point whose alias ({@code …-s3alias}) this is. */
    Optional<AccessPoint> byAlias(String alias);

    /** The account-level Block Public Access settings; NONE when the account has none. */
    PublicAccessBlock accountPublicAccessBlock(String account);
}

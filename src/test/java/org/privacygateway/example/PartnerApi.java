package org.privacygateway.example;

import java.util.List;

import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.smallrye.graphql.client.typesafe.api.GraphQLClientApi;

/**
 * A partner's own typed client of the gateway, as a partner would write it from the published schema
 * ({@code src/main/resources/graphql/schema.graphql}): SmallRye's typesafe client builds each query from these types.
 * Only what this partner selects is declared; the enums are the partner's copies of the schema's.
 */
@GraphQLClientApi
public interface PartnerApi {

    @Query("members")
    MemberConnection members(@NonNull @Name("purpose") Purpose purpose, @Name("first") Integer first,
            @Name("after") String after);

    enum Purpose { ORDER_FULFILLMENT, CUSTOMER_SUPPORT, ACCOUNT_LINKING, MARKETING, PAYMENT_PROCESSING, ANALYTICS }

    enum DataCategory { NAME, EMAIL, PHONE, ADDRESS, COMPANY, PAYMENT_CARD }

    enum DisclosureLevel { NONE, PARTIAL, FULL }

    enum AccessReason { CONSENTED, PUBLIC, NOT_REQUESTED, OPTED_OUT, POLICY_VERSION, CONSENT_REQUIRED, CONSENT_EXPIRED, MINOR }

    class MemberConnection {
        public List<MemberEdge> edges;
        public PageInfo pageInfo;
    }

    class MemberEdge {
        public String cursor;
        public Member node;
    }

    class PageInfo {
        public boolean hasNextPage;
        public String endCursor;
    }

    /** A member as the gateway serves it to this partner: a masked field is null, {@code access} says why. */
    class Member {
        public String id;
        public PersonName name;
        public String email;
        public String phone;
        public List<FieldAccess> access;
    }

    class PersonName {
        public String given;
        public String family;
    }

    class FieldAccess {
        public DataCategory category;
        public DisclosureLevel level;
        public AccessReason reason;
    }
}

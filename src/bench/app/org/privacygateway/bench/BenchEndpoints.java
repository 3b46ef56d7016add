package org.privacygateway.bench;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.hibernate.SessionFactory;

import io.quarkus.arc.profile.IfBuildProfile;

import org.privacygateway.member.Member;

/**
 * Only in the benchmark build, never in prod: S0, the same member rows as plain JSON with no GraphQL, masking or
 * audit (the baseline that shows what privacy costs), S0-one (one member by id, the row S1 reads), and the SQL
 * statement counter. G0 (generic graphql-java from memory) is {@link GenericCeiling}. This source folder
 * ({@code src/bench/app}) is compiled only by {@code -Pbench}, so no other build's jar holds the class; the build
 * profile check below also drops the bean should the class ever reach another build.
 */
@IfBuildProfile("bench")
@Path("/bench")
@Produces(MediaType.APPLICATION_JSON)
public class BenchEndpoints {

    @Inject
    EntityManager em;

    @Inject
    SessionFactory sessionFactory;

    public record Row(String id, String givenName, String familyName, String email, String phone, String street,
            String city, String region, String postalCode, String country, String companyName, String cardBrand,
            String cardLast4) {
    }

    @GET
    @Path("members")
    @Transactional
    public List<Row> members(@QueryParam("first") Integer first) {
        return em.createQuery("from Member m order by m.id", Member.class)
                .setMaxResults(first == null ? 50 : first)
                .getResultList()
                .stream()
                .map(m -> new Row(m.id.toString(), m.givenName, m.familyName, m.email, m.phone, m.street, m.city,
                        m.region, m.postalCode, m.country, m.companyName, m.cardBrand, m.cardLast4))
                .toList();
    }

    /** S0-one: one member by id, the same row S1 reads, as plain JSON (no GraphQL, masking or audit). */
    @GET
    @Path("member/{id}")
    @Transactional
    public Row member(@PathParam("id") UUID id) {
        Member m = em.find(Member.class, id);
        if (m == null) {
            throw new NotFoundException();
        }
        return new Row(m.id.toString(), m.givenName, m.familyName, m.email, m.phone, m.street, m.city, m.region,
                m.postalCode, m.country, m.companyName, m.cardBrand, m.cardLast4);
    }

    @GET
    @Path("sql")
    public Map<String, Object> statements() {
        var stats = sessionFactory.getStatistics();
        Map<String, Object> result = new java.util.LinkedHashMap<>();
        result.put("prepared", stats.getPrepareStatementCount());
        result.put("queries", stats.getQueryExecutionCount());
        result.put("inserts", stats.getEntityInsertCount());
        result.put("updates", stats.getEntityUpdateCount());
        result.put("loads", stats.getEntityLoadCount());
        result.put("collectionLoads", stats.getCollectionLoadCount());
        result.put("flushes", stats.getFlushCount());
        return result;
    }

}

package org.privacygateway.graphql;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.SelectedField;

import org.privacygateway.masking.DataCategory;

/**
 * Which member categories a partner query selected, and at which response paths, aliases and fragments included.
 * Paths are relative to the resolved field; {@link #INDEX} marks where a list index goes.
 */
final class SelectedCategories {

    static final Object INDEX = new Object();

    static final Map<String, DataCategory> FIELDS = Map.of(
            "name", DataCategory.NAME,
            "email", DataCategory.EMAIL,
            "phone", DataCategory.PHONE,
            "address", DataCategory.ADDRESS,
            "company", DataCategory.COMPANY,
            "card", DataCategory.PAYMENT_CARD);

    record Selection(DataCategory category, List<Object> path) {
    }

    private final List<Selection> selections;

    private SelectedCategories(List<Selection> selections) {
        this.selections = selections;
    }

    /**
     * @param memberPath the qualified name of the member object below the resolved field: "" for {@code member},
     *                   "edges/node" for {@code members}
     */
    static SelectedCategories of(DataFetchingEnvironment env, String memberPath) {
        String prefix = memberPath.isEmpty() ? "" : memberPath + "/";
        List<Selection> selections = new ArrayList<>();
        for (SelectedField field : env.getSelectionSet().getFields()) {
            String qualified = field.getQualifiedName();
            if (!qualified.startsWith(prefix)) {
                continue;
            }
            DataCategory category = FIELDS.get(qualified.substring(prefix.length()));
            if (category == null) {
                continue;
            }
            LinkedList<Object> path = new LinkedList<>();
            // Walk up to the resolved field (whose qualified name is empty); its own path is added later.
            for (SelectedField f = field; f != null && !f.getQualifiedName().isEmpty(); f = f.getParentField()) {
                path.addFirst(f.getResultKey());
                if (!memberPath.isEmpty() && "edges".equals(f.getQualifiedName())) {
                    path.add(1, INDEX);
                }
            }
            selections.add(new Selection(category, path));
        }
        return new SelectedCategories(selections);
    }

    Set<DataCategory> categories() {
        EnumSet<DataCategory> set = EnumSet.noneOf(DataCategory.class);
        selections.forEach(s -> set.add(s.category()));
        return set;
    }

    List<Selection> selections() {
        return selections;
    }

    /** The response path of a selection: the resolved field's path, then the relative path with the index filled in. */
    static List<Object> absolute(List<Object> root, List<Object> relative, int index) {
        List<Object> path = new ArrayList<>(root.size() + relative.size());
        path.addAll(root);
        for (Object segment : relative) {
            path.add(segment == INDEX ? index : segment);
        }
        return path;
    }
}

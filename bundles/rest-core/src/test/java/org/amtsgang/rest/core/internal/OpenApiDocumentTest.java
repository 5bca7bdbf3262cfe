package org.amtsgang.rest.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Request;
import javax.ws.rs.core.Response;
import org.amtsgang.rest.api.ApiOperation;
import org.junit.Test;

public class OpenApiDocumentTest {

    record Item(String id, int count, List<String> tags) {}

    record Page(List<Item> items, long total) {}

    @Path("/v1/items")
    public static class Items {
        @GET
        @ApiOperation(summary = "List items", returns = Page.class)
        public Response list(@QueryParam("q") String q, @Context Request request) {
            return null;
        }

        @GET
        @Path("{id: [a-z]+}")
        public Item get(@PathParam("id") String id) {
            return null;
        }

        @POST
        public Item create(Item item) {
            return item;
        }

        public void notAnOperation() {}
    }

    @Test
    @SuppressWarnings("unchecked")
    public void describesEveryOperationWithItsParametersAndTypes() {
        Map<String, Object> doc = OpenApiDocument.of(List.of(Items.class), "1.2.3");
        Map<String, Object> paths = (Map<String, Object>) doc.get("paths");

        assertThat(paths).containsOnlyKeys("/v1/items", "/v1/items/{id}");
        Map<String, Object> items = (Map<String, Object>) paths.get("/v1/items");
        assertThat(items).containsOnlyKeys("get", "post");
        Map<String, Object> list = (Map<String, Object>) items.get("get");
        assertThat(list).containsEntry("summary", "List items");
        assertThat((List<Map<String, Object>>) list.get("parameters"))
                .singleElement()
                .satisfies(p -> assertThat(p).containsEntry("name", "q").containsEntry("in", "query"));
        assertThat(list.toString()).contains("#/components/schemas/Page");
        assertThat(((Map<String, Object>) items.get("post")).get("requestBody").toString())
                .contains("#/components/schemas/Item");

        Map<String, Object> schemas =
                (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas");
        assertThat(schemas).containsKeys("Item", "Page", "Problem");
        Map<String, Object> itemProperties =
                (Map<String, Object>) ((Map<String, Object>) schemas.get("Item")).get("properties");
        assertThat(itemProperties.get("tags")).isEqualTo(Map.of("type", "array", "items", Map.of("type", "string")));
        assertThat(itemProperties.get("count")).isEqualTo(Map.of("type", "integer", "format", "int32"));
    }

    @Test
    public void stripsRegularExpressionsFromPathTemplates() {
        assertThat(OpenApiDocument.pathOf(Items.class.getAnnotation(Path.class)))
                .isEqualTo("v1/items");
    }
}

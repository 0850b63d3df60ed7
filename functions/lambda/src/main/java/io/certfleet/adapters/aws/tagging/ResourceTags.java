package io.certfleet.adapters.aws.tagging;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.Tag;

/**
 * Tags of every resource of a service in one account and region, through the Resource Groups Tagging API: one
 * paginated call (100 resources a page) instead of one tag call per resource. Read once per service and cached
 * for the life of the work item.
 */
public final class ResourceTags {

    private final ResourceGroupsTaggingApiClient tagging;
    private final Map<String, Map<String, Map<String, String>>> byService = new ConcurrentHashMap<>();

    public ResourceTags(ResourceGroupsTaggingApiClient tagging) {
        this.tagging = tagging;
    }

    /**
     * @param service the service filter, e.g. {@code acm}, {@code elasticloadbalancing}, {@code cloudfront}
     * @return tags by resource ARN; resources without tags are absent
     */
    public Map<String, Map<String, String>> of(String service) {
        return byService.computeIfAbsent(service, this::read);
    }

    private Map<String, Map<String, String>> read(String service) {
        Map<String, Map<String, String>> tags = new HashMap<>();
        for (ResourceTagMapping mapping : tagging.getResourcesPaginator(request -> request
                .resourceTypeFilters(service).resourcesPerPage(100)).resourceTagMappingList()) {
            Map<String, String> resourceTags = new HashMap<>();
            for (Tag tag : mapping.tags()) {
                resourceTags.put(tag.key(), tag.value());
            }
            tags.put(mapping.resourceARN(), resourceTags);
        }
        return tags;
    }
}

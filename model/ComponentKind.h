// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "model/Defaults.h"

namespace headroom::model {

enum class ComponentKind { Client, Cdn, LoadBalancer, ApiGateway, Service, Function, Cache, Database, Queue, ObjectStore };

/// Where a kind belongs in a diagram (the app colours each family alike).
enum class KindFamily { Client, Edge, Compute, Storage, Messaging };

/// A kind's default service time per operation, each a REFERENCE.md row.
struct DefaultServiceTimes {
    ReferenceValue read;
    ReferenceValue write;
};

/// Everything that differs between kinds, in one table: what the file may say of a component of
/// the kind, what the engines assume when it is silent, and how the app draws it. What a kind
/// means to the engines beyond these (a database's pools, a function's concurrency) is decided
/// in model/Plan.cpp. A new kind is a row here, its meaning in the plan, and the docs.
struct KindTraits {
    ComponentKind kind;
    std::string_view name;                      ///< "load_balancer", as in the file
    std::span<const std::string_view> fields;   ///< the keys of its own, beyond id, kind and label
    std::optional<DefaultServiceTimes> defaultService;  ///< none: the file must give service_time
    /// A managed service (a hosted cache, a CDN, a queue, an object store) is its latency
    /// only, unless the file gives it instances to run.
    bool delayWithoutInstances = false;
    /// It answers a share of requests itself (`hit_ratio`) and calls on the rest.
    bool answersHits = false;
    /// It takes messages: every call into it is async, and async calls go only into such kinds.
    bool takesMessages = false;
    /// The field that adds capacity (sizing grows it): "instances", "concurrency", "shards";
    /// empty for a client.
    std::string_view capacityField;
    KindFamily family = KindFamily::Compute;
    std::string_view icon;  ///< SVG elements on a 32 × 32 grid, stroked in the family's colour
};

[[nodiscard]] const KindTraits& traitsOf(ComponentKind kind);
/// Every kind, in the enum's order.
[[nodiscard]] std::span<const KindTraits> allKindTraits();

/// "load_balancer", as in the file.
[[nodiscard]] std::string_view kindName(ComponentKind kind);
[[nodiscard]] std::optional<ComponentKind> kindFromName(std::string_view name);
[[nodiscard]] std::span<const std::string_view> kindNames();

/// Every key a component object may have, for one kind or another, in the order files are written.
[[nodiscard]] std::span<const std::string_view> componentFields();
/// Whether a component of `kind` may carry the file key `field`.
[[nodiscard]] bool kindHasField(ComponentKind kind, std::string_view field);
/// The kinds that do carry `field`, as "cache or cdn", for messages.
[[nodiscard]] std::string kindsWithField(std::string_view field);
/// "a cache", "an api_gateway": for messages.
[[nodiscard]] std::string withArticle(ComponentKind kind);

}  // namespace headroom::model

// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace headroom::model {

enum class ComponentKind { Client, Cdn, LoadBalancer, ApiGateway, Service, Function, Cache, Database, Queue, ObjectStore };

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

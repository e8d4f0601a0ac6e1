// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace headroom::model {

/// Replaces the contents of `path` with `text` so that no crash, full disk or signal leaves a
/// half-written file or a stray temporary one, and so that the file stays the file it was:
/// - a symbolic link is written through to its target, and stays a link;
/// - the mode and owner are kept (a new file gets 0666 less the umask, as any program's would);
/// - a file with several hard links, or owned by someone this process cannot give a file to, is
///   rewritten in place after a copy of its old text is made beside it (which a failed write
///   restores, and a finished one removes), so every name sees the new text.
/// Otherwise the text goes to a temporary file beside the target, is flushed, and renamed over
/// it. Returns why it failed, if it did; the old file is then unchanged.
[[nodiscard]] std::optional<std::string> writeFileAtomically(const std::filesystem::path& path, std::string_view text);

/// Installs handlers for SIGTERM, SIGINT, SIGHUP and SIGQUIT that remove the temporary file a
/// writeFileAtomically in progress has made, then end the process by the same signal as
/// before. Call once at the start of a program; a handler installed later for a while (the
/// simulator's) takes over until it restores this one.
void removeTemporaryFilesOnSignals();

}  // namespace headroom::model

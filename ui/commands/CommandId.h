// SPDX-License-Identifier: MIT
#pragma once

namespace headroom::ui {

/// QUndoCommand ids of the commands that merge with their successor.
enum CommandId : int {
    MoveComponent = 1,  ///< moves of one component while it is dragged
    EditComponent = 2,  ///< edits of one field of one component while a value is dragged
    EditEstimate = 3,   ///< edits of one field of the estimate block
    EditSettings = 4,   ///< edits of one of the scenario's own settings
};

}  // namespace headroom::ui

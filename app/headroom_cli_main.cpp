// SPDX-License-Identifier: MIT
#include "cli/Run.h"

int main(int argc, char** argv) { return headroom::cli::run(argc, argv); }

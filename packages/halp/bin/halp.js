#!/usr/bin/env node
// The `halp` command runs the built CLI. This file is in the repository (dist/ is not) so that a
// workspace install, which links the bin before anything is built, finds its target.
import '../dist/cli.js';

#pragma once

namespace dateline::http {

// Where a request runs. kInline: on the I/O thread (answered from memory: a cached page).
// kWorkers: on the worker pool (it may wait for the store). kHashing: on a pool of its own
// for the routes that hash a password (tens of milliseconds of CPU each), so a storm of
// sign-ins queues there and never takes the workers every other reader needs.
enum class Lane { kWorkers, kInline, kHashing };

}  // namespace dateline::http

#pragma once

#include "platform/pipes/PipeCompiler.h"

#include <memory>
#include <mutex>

namespace pipit
{

/// One PipeCompiler per loaded project, built on first use and reused while the project object lives
/// (a deploy replaces the Project, which builds a new compiler). Thread-safe.
class PipeCompilerCache
{
public:
    /// The compiler of `project` (null project -> null). Throws what PipeCompiler's constructor throws.
    std::shared_ptr<const PipeCompiler> get(const std::shared_ptr<const Project> & project);

private:
    struct Entry
    {
        std::weak_ptr<const Project> project;
        std::shared_ptr<const PipeCompiler> compiler;
    };

    std::mutex mutex_;
    std::vector<Entry> entries_;
};

} // namespace pipit

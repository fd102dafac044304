#include "platform/pipes/PipeCompilerCache.h"

#include <algorithm>

namespace pipit
{

std::shared_ptr<const PipeCompiler> PipeCompilerCache::get(const std::shared_ptr<const Project> & project)
{
    if (!project)
        return nullptr;
    std::lock_guard lock(mutex_);
    // Drop compilers of projects nobody holds any more.
    std::erase_if(entries_, [](const Entry & entry) { return entry.project.expired(); });
    for (const auto & entry : entries_)
        if (entry.project.lock() == project)
            return entry.compiler;
    auto compiler = std::make_shared<const PipeCompiler>(project);
    entries_.push_back({project, compiler});
    return compiler;
}

} // namespace pipit

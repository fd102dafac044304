#include "engine/storage/StorageMergeTree.h"

#include "engine/base/Check.h"
#include "engine/columns/ColumnConst.h"
#include "engine/columns/ColumnVector.h"
#include "engine/io/FileSystem.h"
#include "engine/storage/MergeTreeDisk.h"
#include "engine/storage/MergeTreeMergeStrategyOrdinary.h"
#include "engine/storage/MergeTreePartReader.h"
#include "engine/storage/MergeTreeRangeSelector.h"
#include "engine/storage/MergeTreeSource.h"
#include "engine/storage/MergeTreeWalRecord.h"
#include "engine/storage/StorageInsertNormalizer.h"

#include <algorithm>
#include <map>
#include <set>

namespace pipit
{

namespace
{

bool partLess(const MergeTreeDataPartPtr & lhs, const MergeTreeDataPartPtr & rhs)
{
    return lhs->info < rhs->info;
}

size_t blockBytes(const Block & block)
{
    size_t bytes = 0;
    for (const auto & column : block)
        bytes += column.column->byteSize();
    return bytes;
}

/// Parts of `parts` that cannot hold any of the first request.order_limit rows ordered by request.order_column
/// (ReadRequest): with S the parts of best bound (max for DESC, min for ASC) that first add up to order_limit rows,
/// every one of those rows is at least as good as T, the worst bound among S, so a part whose best bound is worse
/// than T contributes none of them. Empty when the hint is absent, a part lacks the column's min/max, or its type
/// is Nullable, LowCardinality or floating point (NULL/NaN order).
std::set<const MergeTreeDataPart *> partsBeyondOrderLimit(const MergeTreeDataParts & parts, const ReadRequest & request)
{
    if (request.order_column.empty() || request.order_limit == 0 || request.final || request.key_condition)
        return {};
    struct Candidate
    {
        const MergeTreeDataPart * part;
        const IColumn * minmax;
    };
    std::vector<Candidate> candidates;
    std::string type_name;
    for (const auto & part : parts)
    {
        if (!part->minmax.has(request.order_column))
            return {};
        const auto & column = part->minmax.getByName(request.order_column);
        auto type_id = column.type->getTypeId();
        if (!column.column || column.column->size() != 2 || column.type->isNullable() || type_id == TypeIndex::Float32
            || type_id == TypeIndex::Float64 || column.type->getName().starts_with("LowCardinality"))
            return {};
        if (type_name.empty())
            type_name = column.type->getName();
        else if (type_name != column.type->getName())
            return {};
        candidates.push_back({part.get(), column.column.get()});
    }
    const bool descending = request.order_descending;
    const size_t best_row = descending ? 1 : 0;
    const size_t worst_row = descending ? 0 : 1;
    /// a[ra] ranks strictly before b[rb].
    auto before = [&](const IColumn & a, size_t ra, const IColumn & b, size_t rb)
    {
        int c = a.compareAt(ra, rb, b, 1);
        return descending ? c > 0 : c < 0;
    };
    std::stable_sort(candidates.begin(), candidates.end(),
                     [&](const Candidate & a, const Candidate & b) { return before(*a.minmax, best_row, *b.minmax, best_row); });
    size_t rows = 0;
    size_t i = 0;
    const IColumn * threshold = nullptr;
    for (; i < candidates.size() && rows < request.order_limit; ++i)
    {
        if (candidates[i].part->rows == 0)
            continue;
        rows += candidates[i].part->rows;
        if (!threshold || before(*threshold, worst_row, *candidates[i].minmax, worst_row))
            threshold = candidates[i].minmax;
    }
    std::set<const MergeTreeDataPart *> skipped;
    if (rows < request.order_limit || !threshold)
        return skipped;
    for (; i < candidates.size(); ++i)
        if (before(*threshold, worst_row, *candidates[i].minmax, best_row))
            skipped.insert(candidates[i].part);
    return skipped;
}

} // namespace

StorageMergeTree::StorageMergeTree(std::string path, MergeTreeDefinition definition, MergeTreeMergeStrategyPtr strategy)
    : path_(std::move(path))
    , definition_(std::move(definition))
    , strategy_(strategy ? std::move(strategy) : std::make_shared<MergeTreeMergeStrategyOrdinary>())
    , merger_(definition_, strategy_)
    , partitioner_(definition_.partition_key)
{
    while (path_.size() > 1 && path_.back() == '/')
        path_.pop_back();
    if (definition_.columns.empty())
        throw Exception(ErrorCode::EMPTY_LIST_OF_COLUMNS_PASSED, "MergeTree table needs at least one column");
    if (definition_.settings.index_granularity == 0)
        throw Exception(ErrorCode::BAD_ARGUMENTS, "index_granularity must be positive");
    std::set<std::string> names;
    std::vector<std::string> codec_columns;
    std::vector<CompressionCodecPtr> codecs;
    for (const auto & column : definition_.columns)
    {
        if (!column.type)
            throw Exception(ErrorCode::BAD_ARGUMENTS, "Column " + column.name + " has no type");
        if (!names.insert(column.name).second)
            throw Exception(ErrorCode::DUPLICATE_COLUMN, "Duplicate column " + column.name);
        if (!column.codec.empty())
        {
            codec_columns.push_back(column.name);
            codecs.push_back(parseCodecChain(column.codec, column.type->createColumn()->sizeOfValueIfFixed()));
        }
    }
    auto check_expression = [&](const StorageExpressionPtr & expression, const char * what)
    {
        if (!expression)
            throw Exception(ErrorCode::BAD_ARGUMENTS, std::string("Null ") + what + " expression");
        for (const auto & name : expression->requiredColumns())
        {
            bool found = false;
            for (const auto & column : definition_.columns)
                found |= column.name == name && column.default_kind != "ALIAS";
            if (!found)
                throw Exception(ErrorCode::NO_SUCH_COLUMN_IN_TABLE,
                                std::string(what) + " expression " + expression->text() + " uses unknown column " + name);
        }
    };
    for (const auto & key : definition_.sort_key)
        check_expression(key, "Sorting key");
    if (definition_.partition_key)
    {
        check_expression(definition_.partition_key, "Partition key");
        partition_type_ = definition_.partition_key->resultType();
    }
    if (definition_.ttl)
    {
        check_expression(definition_.ttl, "TTL");
        auto type_id = definition_.ttl->resultType()->getTypeId();
        if (type_id != TypeIndex::Date && type_id != TypeIndex::Date32 && type_id != TypeIndex::DateTime &&
            type_id != TypeIndex::DateTime64)
            throw Exception(ErrorCode::BAD_ARGUMENTS, "TTL expression " + definition_.ttl->text() +
                                                          " must return Date, Date32, DateTime or DateTime64, got " +
                                                          definition_.ttl->resultType()->getName());
    }
    /// Part files are made durable in batches (syncNewParts) rather than one fsync per file.
    writer_ =
        std::make_unique<MergeTreePartWriter>(std::move(codec_columns), std::move(codecs), definition_.settings.index_granularity, false);
    load();
    if (definition_.settings.background_merges)
        background_ = std::thread([this] { backgroundLoop(); });
}

StorageMergeTree::~StorageMergeTree()
{
    stopBackground();
}

std::string StorageMergeTree::getEngineName() const
{
    return strategy_->engineName();
}

MergeTreeColumns StorageMergeTree::physicalColumns() const
{
    MergeTreeColumns columns;
    for (const auto & column : definition_.columns)
        if (column.default_kind != "ALIAS")
            columns.emplace_back(column.name, column.type);
    return columns;
}

time_t StorageMergeTree::now() const
{
    time_t fixed = now_for_test_.load();
    return fixed != 0 ? fixed : ::time(nullptr);
}

void StorageMergeTree::load()
{
    createDirectories(path_ + "/parts");
    auto loaded = MergeTreeManifest::load(path_ + "/manifest");
    MergeTreeManifest manifest = loaded ? *loaded : MergeTreeManifest {};

    std::set<std::string> live(manifest.parts.begin(), manifest.parts.end());
    for (const auto & name : listDirectory(path_ + "/parts"))
        if (!live.count(name))
            removeRecursive(path_ + "/parts/" + name);

    auto parts = std::make_shared<MergeTreeDataParts>();
    UInt64 next_block = manifest.next_block_number;
    for (const auto & name : manifest.parts)
    {
        auto info = MergeTreePartInfo::tryParse(name);
        if (!info)
            throw Exception(ErrorCode::CORRUPTED_DATA, "Manifest of " + path_ + " lists a malformed part name '" + name + "'");
        std::string part_path = path_ + "/parts/" + name;
        if (!exists(part_path + "/meta"))
            throw Exception(ErrorCode::CORRUPTED_DATA, "Part " + part_path + " listed in the manifest is missing");
        parts->push_back(MergeTreeDataPart::load(part_path, *info));
        next_block = std::max(next_block, std::max(info->max_block, info->mutation) + 1);
    }
    std::sort(parts->begin(), parts->end(), partLess);

    wal_ = std::make_unique<WriteAheadLog>(path_ + "/wal");
    Blocks replayed;
    wal_->replay(
        [&](UInt64 segment, std::string_view payload)
        {
            if (segment > manifest.flushed_wal_segment)
                replayed.push_back(normalizeInsertBlock(MergeTreeWalRecord::deserialize(payload)));
        });
    removeFlushedWalSegments(manifest.flushed_wal_segment);

    std::lock_guard lock(state_mutex_);
    parts_ = std::move(parts);
    manifest_ = manifest;
    next_block_number_ = next_block;
    for (auto & block : replayed)
    {
        if (buffer_.empty())
            buffer_since_ = std::chrono::steady_clock::now();
        buffer_rows_ += block.rows();
        buffer_bytes_ += blockBytes(block);
        buffer_.push_back(std::move(block));
    }
}

Block StorageMergeTree::normalizeInsertBlock(const Block & block) const
{
    return StorageInsertNormalizer::normalize(definition_.columns, block);
}

void StorageMergeTree::insert(const Block & block, bool durable)
{
    if (dropped_)
        throw Exception(ErrorCode::UNKNOWN_TABLE, "Table at " + path_ + " is dropped");
    Block normalized = normalizeInsertBlock(block);
    if (normalized.rows() == 0)
        return;
    const size_t rows = normalized.rows();
    if (rows >= definition_.settings.direct_insert_min_rows)
    {
        insertAsParts(std::move(normalized));
        return;
    }
    /// Large blocks go to the WAL as several records (bounded record size).
    constexpr size_t max_bytes_per_record = 64ull << 20;
    const size_t bytes = blockBytes(normalized);
    const size_t records = std::min(rows, bytes / max_bytes_per_record + 1);
    std::vector<std::string> payloads;
    if (records <= 1)
        payloads.push_back(MergeTreeWalRecord::serialize(normalized));
    else
    {
        const size_t rows_per_record = (rows + records - 1) / records;
        for (size_t start = 0; start < rows; start += rows_per_record)
        {
            Block part;
            for (const auto & column : normalized)
                part.insert({column.column->cut(start, std::min(rows_per_record, rows - start)), column.type, column.name});
            payloads.push_back(MergeTreeWalRecord::serialize(part));
        }
    }
    {
        std::shared_lock insert_lock(insert_mutex_);
        if (dropped_)
            throw Exception(ErrorCode::UNKNOWN_TABLE, "Table at " + path_ + " is dropped");
        for (size_t i = 0; i < payloads.size(); ++i)
            wal_->append(payloads[i], durable && i + 1 == payloads.size());
        std::lock_guard lock(state_mutex_);
        if (buffer_.empty())
            buffer_since_ = std::chrono::steady_clock::now();
        buffer_rows_ += normalized.rows();
        buffer_bytes_ += bytes;
        buffer_.push_back(std::move(normalized));
    }
    if (background_.joinable() && bufferNeedsFlush())
    {
        {
            std::lock_guard lock(background_mutex_);
            background_wakeup_ = true;
        }
        background_cv_.notify_all();
    }
}

void StorageMergeTree::insertAsParts(Block block)
{
    flush(); /// rows buffered before this insert get lower block numbers, keeping insertion order
    std::lock_guard flush_lock(flush_mutex_);
    if (dropped_)
        throw Exception(ErrorCode::UNKNOWN_TABLE, "Table at " + path_ + " is dropped");
    MergeTreeDataParts new_parts;
    try
    {
        Columns sort_keys = definition_.sort_key.empty() ? Columns {} : merger_.evaluateSortKey(block);
        for (auto & chunk : partitioner_.sortAndSplit(block, sort_keys))
        {
            if (chunk.block.rows() == 0)
                continue;
            UInt64 block_number = allocateBlockNumber();
            MergeTreePartInfo info {chunk.partition_id, block_number, block_number, 0, 0};
            new_parts.push_back(writePart(info, chunk.block, chunk.partition_value, chunk.minmax));
        }
        commit({}, new_parts, std::nullopt, false);
    }
    catch (...)
    {
        for (const auto & part : new_parts)
            part->markObsolete();
        throw;
    }
    if (background_.joinable())
    {
        {
            std::lock_guard lock(background_mutex_);
            background_wakeup_ = true; /// new parts may make a merge worthwhile
        }
        background_cv_.notify_all();
    }
}

bool StorageMergeTree::bufferNeedsFlush() const
{
    const auto & settings = definition_.settings;
    std::lock_guard lock(state_mutex_);
    if (buffer_rows_ == 0)
        return false;
    if (buffer_rows_ >= settings.buffer_flush_rows || buffer_bytes_ >= settings.buffer_flush_bytes)
        return true;
    auto age = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - buffer_since_);
    return static_cast<uint64_t>(age.count()) >= settings.buffer_flush_interval_ms;
}

std::vector<SourcePtr> StorageMergeTree::read(const ReadRequest & request, ReadStatistics * statistics)
{
    const MergeTreeColumns physical = physicalColumns();
    MergeTreeColumns columns;
    for (const auto & name : request.column_names)
    {
        auto it = std::find_if(physical.begin(), physical.end(), [&](const auto & column) { return column.first == name; });
        if (it == physical.end())
            throw Exception(ErrorCode::NO_SUCH_COLUMN_IN_TABLE, "There is no column " + name + " in table");
        columns.push_back(*it);
    }
    if (columns.empty())
        columns.push_back(physical.front());

    PartsPtr parts;
    Blocks buffer;
    {
        std::lock_guard lock(state_mutex_);
        parts = parts_;
        buffer.reserve(flushing_.size() + buffer_.size());
        buffer.insert(buffer.end(), flushing_.begin(), flushing_.end());
        buffer.insert(buffer.end(), buffer_.begin(), buffer_.end());
    }

    ReadStatistics stats;
    std::vector<MergeTreeReadTask> tasks;
    size_t total_granules = 0;
    const IKeyCondition * condition = request.key_condition.get();
    const auto beyond_order_limit = partsBeyondOrderLimit(*parts, request);
    for (const auto & part : *parts)
    {
        ++stats.parts_total;
        stats.granules_total += part->granules;
        if (beyond_order_limit.contains(part.get()))
        {
            stats.rows_skipped_by_order_limit += part->rows;
            continue;
        }
        if (!MergeTreeRangeSelector::partMayMatch(*part, condition))
            continue;
        auto ranges = MergeTreeRangeSelector::selectRanges(*part, condition);
        if (ranges.empty())
            continue;
        ++stats.parts_selected;
        for (const auto & range : ranges)
        {
            stats.granules_selected += range.end - range.begin;
            total_granules += range.end - range.begin;
            tasks.push_back({part, range});
        }
    }
    if (statistics)
        *statistics = stats;

    const size_t num_streams = std::max<size_t>(1, request.num_streams);
    std::vector<std::deque<MergeTreeReadTask>> stream_tasks(num_streams);
    std::vector<Blocks> stream_buffers(num_streams);
    const size_t per_stream = std::max<size_t>(1, (total_granules + num_streams - 1) / num_streams);
    size_t stream = 0;
    size_t assigned = 0;
    for (auto & task : tasks)
    {
        while (task.range.begin < task.range.end)
        {
            size_t take = std::min(task.range.end - task.range.begin, per_stream - assigned);
            stream_tasks[stream].push_back({task.part, {task.range.begin, task.range.begin + take}});
            task.range.begin += take;
            assigned += take;
            if (assigned == per_stream && stream + 1 < num_streams)
            {
                ++stream;
                assigned = 0;
            }
        }
    }
    for (size_t i = 0; i < buffer.size(); ++i)
        stream_buffers[(num_streams - 1 - i % num_streams)].push_back(std::move(buffer[i]));

    std::vector<SourcePtr> sources;
    for (size_t i = 0; i < num_streams; ++i)
    {
        if (stream_tasks[i].empty() && stream_buffers[i].empty() && !(i == 0 && sources.empty()))
            continue;
        auto source = std::make_unique<MergeTreeSource>(columns, std::move(stream_tasks[i]), std::move(stream_buffers[i]),
                                                        request.max_block_size, request.final ? nullptr : request.prewhere);
        if (!request.final)
            source->setKeyCondition(request.key_condition, {definition_.sort_key.begin(),
                                                            definition_.sort_key.begin() + static_cast<ptrdiff_t>(definition_.primaryKeySize())});
        sources.push_back(std::move(source));
    }
    if (sources.empty())
        sources.push_back(std::make_unique<MergeTreeSource>(columns, std::deque<MergeTreeReadTask> {}, Blocks {}, request.max_block_size));
    return sources;
}

std::optional<size_t> StorageMergeTree::totalRows() const
{
    std::lock_guard lock(state_mutex_);
    size_t rows = buffer_rows_;
    for (const auto & block : flushing_)
        rows += block.rows();
    for (const auto & part : *parts_)
        rows += part->rows;
    return rows;
}

void StorageMergeTree::removeFlushedWalSegments(UInt64 flushed_segment)
{
    if (flushed_segment > 1)
        wal_->removeSegmentsUpTo(flushed_segment - 1);
}

UInt64 StorageMergeTree::allocateBlockNumber()
{
    std::lock_guard lock(commit_mutex_);
    return next_block_number_++;
}

MergeTreeDataPartPtr StorageMergeTree::writePart(const MergeTreePartInfo & info, const Block & sorted_block,
                                                 const ColumnPtr & partition_value, const Block & minmax)
{
    const std::string name = info.getName();
    const std::string tmp_path = path_ + "/parts/tmp_" + name;
    const std::string final_path = path_ + "/parts/" + name;
    CHECK(!exists(final_path));
    removeRecursive(tmp_path);

    MergeTreePartContents contents;
    contents.block = sorted_block;
    contents.key_columns = merger_.evaluatePrimaryKey(sorted_block, contents.key_types);
    contents.partition_value = partition_value;
    contents.partition_type = partition_value ? partition_type_ : nullptr;
    contents.minmax = minmax;
    Int64 ttl_min = 0;
    Int64 ttl_max = 0;
    if (merger_.ttlRange(sorted_block, ttl_min, ttl_max))
        contents.ttl = std::make_pair(ttl_min, ttl_max);
    try
    {
        writer_->write(tmp_path, contents);
        renameAtomic(tmp_path, final_path);
    }
    catch (...)
    {
        MergeTreeDisk::tryRemoveRecursive(tmp_path);
        throw;
    }
    return MergeTreeDataPart::load(final_path, info);
}

bool StorageMergeTree::commit(const MergeTreeDataParts & parts_to_remove, const MergeTreeDataParts & parts_to_add,
                              std::optional<UInt64> flushed_segment, bool clear_flushing, bool clear_buffer)
{
    std::lock_guard commit_lock(commit_mutex_);
    PartsPtr current;
    MergeTreeManifest manifest;
    {
        std::lock_guard lock(state_mutex_);
        current = parts_;
        manifest = manifest_;
    }
    std::set<const MergeTreeDataPart *> removing;
    for (const auto & part : parts_to_remove)
    {
        if (std::find(current->begin(), current->end(), part) == current->end())
        {
            for (const auto & added : parts_to_add)
                added->markObsolete();
            return false;
        }
        removing.insert(part.get());
    }
    auto next = std::make_shared<MergeTreeDataParts>();
    for (const auto & part : *current)
        if (!removing.count(part.get()))
            next->push_back(part);
    next->insert(next->end(), parts_to_add.begin(), parts_to_add.end());
    std::sort(next->begin(), next->end(), partLess);

    /// New parts (files and their renames) must be durable before the manifest names them.
    if (!parts_to_add.empty() && definition_.settings.fsync_parts)
        MergeTreeDisk::syncFileSystem(path_ + "/parts");
    if (flushed_segment)
        manifest.flushed_wal_segment = *flushed_segment;
    manifest.next_block_number = next_block_number_;
    manifest.parts.clear();
    for (const auto & part : *next)
        manifest.parts.push_back(part->name);
    manifest.commit(path_ + "/manifest", definition_.settings.fsync_parts);

    {
        std::lock_guard lock(state_mutex_);
        parts_ = std::move(next);
        manifest_ = manifest;
        if (clear_flushing)
            flushing_.clear();
        if (clear_buffer)
        {
            buffer_.clear();
            buffer_rows_ = 0;
            buffer_bytes_ = 0;
        }
    }
    for (const auto & part : parts_to_remove)
        part->markObsolete();
    return true;
}

void StorageMergeTree::flush()
{
    std::lock_guard flush_lock(flush_mutex_);
    if (dropped_)
        return;
    UInt64 segment = 0;
    Blocks blocks;
    {
        std::unique_lock insert_lock(insert_mutex_);
        {
            std::lock_guard lock(state_mutex_);
            if (buffer_.empty())
                return;
        }
        /// No fsync here (inserts are held out meanwhile): the buffered rows are in parts once the commit below is
        /// durable, and rows acknowledged as durable were synced by their own append.
        segment = wal_->closeSegment();
        std::lock_guard lock(state_mutex_);
        flushing_ = std::move(buffer_);
        buffer_.clear();
        buffer_rows_ = 0;
        buffer_bytes_ = 0;
        blocks = flushing_;
    }

    MergeTreeDataParts new_parts;
    bool injected = false;
    try
    {
        Block all = MergeTreeMerger::concatenate(blocks);
        blocks.clear();
        Columns sort_keys = definition_.sort_key.empty() ? Columns {} : merger_.evaluateSortKey(all);
        for (auto & chunk : partitioner_.sortAndSplit(all, sort_keys))
        {
            if (chunk.block.rows() == 0)
                continue;
            UInt64 block_number = allocateBlockNumber();
            MergeTreePartInfo info {chunk.partition_id, block_number, block_number, 0, 0};
            new_parts.push_back(writePart(info, chunk.block, chunk.partition_value, chunk.minmax));
        }
        if (fail_before_commit_for_test_.exchange(false))
        {
            injected = true;
            throw Exception(ErrorCode::LOGICAL_ERROR, "Injected failure before manifest commit");
        }
        commit({}, new_parts, segment, true);
    }
    catch (...)
    {
        if (!injected)
            for (const auto & part : new_parts)
                part->markObsolete();
        std::lock_guard lock(state_mutex_);
        for (const auto & block : flushing_)
        {
            buffer_rows_ += block.rows();
            buffer_bytes_ += blockBytes(block);
        }
        if (!flushing_.empty())
            buffer_since_ = std::chrono::steady_clock::now();
        buffer_.insert(buffer_.begin(), std::make_move_iterator(flushing_.begin()), std::make_move_iterator(flushing_.end()));
        flushing_.clear();
        throw;
    }
    removeFlushedWalSegments(segment);
}

void StorageMergeTree::mergeInto(const MergeTreeDataParts & parts, const Block & merged)
{
    CHECK(!parts.empty());
    MergeTreePartInfo info;
    info.partition_id = parts.front()->info.partition_id;
    info.min_block = UINT64_MAX;
    for (const auto & part : parts)
    {
        info.min_block = std::min(info.min_block, part->info.min_block);
        info.max_block = std::max(info.max_block, part->info.max_block);
        info.level = std::max(info.level, part->info.level + 1);
    }
    MergeTreeDataParts added;
    if (merged.rows() > 0)
        added.push_back(writePart(info, merged, parts.front()->partition_value, partitioner_.computeMinMax(merged)));
    commit(parts, added, std::nullopt, false);
}

bool StorageMergeTree::mergeOnce(bool aggressive)
{
    std::lock_guard merge_lock(merge_mutex_);
    if (dropped_)
        return false;
    PartsPtr parts;
    {
        std::lock_guard lock(state_mutex_);
        parts = parts_;
    }
    MergeTreeDataParts selected = merger_.selectPartsToMerge(*parts, aggressive);
    if (selected.empty())
        return false;
    mergeInto(selected, merger_.mergeParts(selected, now()));
    return true;
}

size_t StorageMergeTree::applyExpiredTtl()
{
    if (!definition_.ttl)
        return 0;
    std::lock_guard merge_lock(merge_mutex_);
    if (dropped_)
        return 0;
    PartsPtr parts;
    {
        std::lock_guard lock(state_mutex_);
        parts = parts_;
    }
    const time_t current_time = now();
    const Int64 now_seconds = static_cast<Int64>(current_time);
    MergeTreeDataParts expired_parts;
    size_t changed = 0;
    for (const auto & part : *parts)
    {
        if (!part->has_ttl || part->ttl_min > now_seconds)
            continue;
        if (part->ttl_max <= now_seconds)
            expired_parts.push_back(part);
        else
        {
            mergeInto({part}, merger_.mergeParts({part}, current_time));
            ++changed;
        }
    }
    if (!expired_parts.empty())
        commit(expired_parts, {}, std::nullopt, false);
    return changed + expired_parts.size();
}

void StorageMergeTree::optimize(bool final)
{
    flush();
    if (!final)
    {
        mergeOnce(true);
        return;
    }
    std::lock_guard merge_lock(merge_mutex_);
    PartsPtr parts;
    {
        std::lock_guard lock(state_mutex_);
        parts = parts_;
    }
    const time_t current_time = now();
    std::map<std::string, MergeTreeDataParts> by_partition;
    for (const auto & part : *parts)
        by_partition[part->info.partition_id].push_back(part);
    for (const auto & [partition_id, group] : by_partition)
    {
        /// A lone part is rewritten only to drop expired rows or to bring it to the current part format.
        if (group.size() == 1 && !merger_.hasExpiredRows(group.front(), current_time) &&
            group.front()->format_version >= MergeTreeDataPart::current_format_version)
            continue;
        mergeInto(group, merger_.mergeParts(group, current_time));
    }
}

void StorageMergeTree::truncate()
{
    std::lock_guard merge_lock(merge_mutex_);
    std::lock_guard flush_lock(flush_mutex_);
    UInt64 segment = 0;
    {
        /// Buffer and parts go in one commit, with inserts held out: readers see every row or none.
        std::unique_lock insert_lock(insert_mutex_);
        if (dropped_)
            return;
        segment = wal_->rotate();
        PartsPtr parts;
        {
            std::lock_guard lock(state_mutex_);
            parts = parts_;
        }
        commit(*parts, {}, segment, false, true);
    }
    removeFlushedWalSegments(segment);
}

void StorageMergeTree::drop()
{
    stopBackground();
    std::lock_guard merge_lock(merge_mutex_);
    std::lock_guard flush_lock(flush_mutex_);
    std::unique_lock insert_lock(insert_mutex_);
    dropped_ = true;
    wal_.reset();
    {
        std::lock_guard lock(state_mutex_);
        for (const auto & part : *parts_)
            part->markObsolete();
        parts_ = std::make_shared<MergeTreeDataParts>();
        buffer_.clear();
        buffer_rows_ = 0;
        buffer_bytes_ = 0;
    }
    removeRecursive(path_);
}

void StorageMergeTree::deleteWhere(const IStorageExpression & predicate)
{
    flush();
    std::lock_guard merge_lock(merge_mutex_);
    PartsPtr parts;
    {
        std::lock_guard lock(state_mutex_);
        parts = parts_;
    }
    MergeTreeDataParts removed;
    MergeTreeDataParts added;
    try
    {
        mutateParts(predicate, *parts, removed, added);
        if (!removed.empty())
            commit(removed, added, std::nullopt, false);
    }
    catch (...)
    {
        for (const auto & part : added)
            part->markObsolete();
        throw;
    }
}

void StorageMergeTree::mutateParts(const IStorageExpression & predicate, const MergeTreeDataParts & parts, MergeTreeDataParts & removed,
                                   MergeTreeDataParts & added)
{
    MergeTreeColumns predicate_columns;
    const MergeTreeColumns physical = physicalColumns();
    for (const auto & name : predicate.requiredColumns())
    {
        auto it = std::find_if(physical.begin(), physical.end(), [&](const auto & column) { return column.first == name; });
        if (it == physical.end())
            throw Exception(ErrorCode::NO_SUCH_COLUMN_IN_TABLE, "There is no column " + name + " in table");
        predicate_columns.push_back(*it);
    }

    for (const auto & part : parts)
    {
        Block block;
        if (predicate_columns.empty())
        {
            /// A constant predicate still needs the row count.
            MergeTreePartReader reader(part, {physical.front()});
            block = reader.readGranules(0, part->granules);
        }
        else
        {
            MergeTreePartReader reader(part, predicate_columns);
            block = reader.readGranules(0, part->granules);
        }
        ColumnPtr result = convertToFullColumnIfConst(predicate.evaluate(block));
        CHECK(result->size() == part->rows);
        Filter keep(part->rows);
        size_t deleted = 0;
        if (const auto * flags = dynamic_cast<const ColumnUInt8 *>(result.get()))
        {
            const auto & data = flags->getData();
            for (size_t i = 0; i < part->rows; ++i)
            {
                keep[i] = data[i] == 0;
                deleted += data[i] != 0;
            }
        }
        else
        {
            for (size_t i = 0; i < part->rows; ++i)
            {
                Field value = (*result)[i];
                bool matches = !value.isNull() && value.toUInt64() != 0;
                keep[i] = !matches;
                deleted += matches;
            }
        }
        if (deleted == 0)
            continue;
        removed.push_back(part);
        if (deleted == part->rows)
            continue;
        MergeTreePartReader reader(part, physical);
        Block rest = MergeTreeMerger::filterBlock(reader.readGranules(0, part->granules), keep, part->rows - deleted);
        MergeTreePartInfo info = part->info;
        info.mutation = allocateBlockNumber();
        added.push_back(writePart(info, rest, part->partition_value, partitioner_.computeMinMax(rest)));
    }
}

void StorageMergeTree::writeBlockParts(const Block & block, MergeTreeDataParts & added)
{
    if (block.rows() == 0)
        return;
    Columns sort_keys = definition_.sort_key.empty() ? Columns {} : merger_.evaluateSortKey(block);
    for (auto & chunk : partitioner_.sortAndSplit(block, sort_keys))
    {
        if (chunk.block.rows() == 0)
            continue;
        UInt64 block_number = allocateBlockNumber();
        MergeTreePartInfo info {chunk.partition_id, block_number, block_number, 0, 0};
        added.push_back(writePart(info, chunk.block, chunk.partition_value, chunk.minmax));
    }
}

void StorageMergeTree::replaceRows(const std::vector<Block> & blocks, const IStorageExpression * predicate, bool /*durable*/)
{
    /// New rows become parts (made durable by commit, as every part), never WAL records, so `durable` holds.
    Blocks normalized;
    for (const auto & block : blocks)
        if (block.rows() > 0)
            normalized.push_back(normalizeInsertBlock(block));
    if (predicate)
        flush(); /// rows buffered before the replace are in parts, where the predicate can remove them
    std::lock_guard merge_lock(merge_mutex_);
    std::lock_guard flush_lock(flush_mutex_);
    if (dropped_)
        throw Exception(ErrorCode::UNKNOWN_TABLE, "Table at " + path_ + " is dropped");
    MergeTreeDataParts removed;
    MergeTreeDataParts added;
    try
    {
        PartsPtr parts;
        {
            std::lock_guard lock(state_mutex_);
            parts = parts_;
        }
        if (predicate)
            mutateParts(*predicate, *parts, removed, added);
        if (!normalized.empty())
            writeBlockParts(MergeTreeMerger::concatenate(normalized), added);
        if (predicate)
        {
            if ((!removed.empty() || !added.empty()) && !commit(removed, added, std::nullopt, false))
                throw Exception(ErrorCode::LOGICAL_ERROR, "Replaced parts changed during the replace");
        }
        else
        {
            /// No insert may land between dropping the buffer and swapping the parts: hold inserts out for the swap.
            std::unique_lock insert_lock(insert_mutex_);
            UInt64 segment = wal_->rotate();
            {
                std::lock_guard lock(state_mutex_);
                parts = parts_;
            }
            if (!commit(*parts, added, segment, false, true))
                throw Exception(ErrorCode::LOGICAL_ERROR, "Replaced parts changed during the replace");
            insert_lock.unlock();
            removeFlushedWalSegments(segment);
        }
    }
    catch (...)
    {
        for (const auto & part : added)
            part->markObsolete();
        throw;
    }
    if (background_.joinable())
    {
        {
            std::lock_guard lock(background_mutex_);
            background_wakeup_ = true;
        }
        background_cv_.notify_all();
    }
}

void StorageMergeTree::backgroundLoop()
{
    const auto interval = std::chrono::milliseconds(std::max<uint64_t>(1, definition_.settings.background_interval_ms));
    const auto ttl_interval = std::chrono::milliseconds(definition_.settings.ttl_check_interval_ms);
    auto last_ttl_check = std::chrono::steady_clock::now();
    while (true)
    {
        {
            std::unique_lock lock(background_mutex_);
            background_cv_.wait_for(lock, interval, [&] { return stop_background_ || background_wakeup_; });
            if (stop_background_)
                return;
            background_wakeup_ = false;
        }
        try
        {
            if (bufferNeedsFlush())
                flush();
            mergeOnce(false);
            if (definition_.ttl && std::chrono::steady_clock::now() - last_ttl_check >= ttl_interval)
            {
                last_ttl_check = std::chrono::steady_clock::now();
                applyExpiredTtl();
            }
        }
        catch (...)
        {
            /// Retried at the next wake-up; data stays in the WAL/buffer, parts are untouched.
        }
    }
}

void StorageMergeTree::stopBackground()
{
    {
        std::lock_guard lock(background_mutex_);
        stop_background_ = true;
    }
    background_cv_.notify_all();
    if (background_.joinable())
        background_.join();
}

void StorageMergeTree::shutdown()
{
    if (shut_down_ || dropped_ || abandoned_)
        return;
    stopBackground();
    flush();
    shut_down_ = true;
}

void StorageMergeTree::abandonForTest()
{
    stopBackground();
    abandoned_ = true;
}

std::vector<PartInfo> StorageMergeTree::getPartsInfo() const
{
    PartsPtr parts;
    {
        std::lock_guard lock(state_mutex_);
        parts = parts_;
    }
    std::vector<PartInfo> result;
    for (const auto & part : *parts)
    {
        std::string partition = "tuple()";
        if (part->partition_value && part->partition_type)
        {
            WriteBufferFromString out;
            part->partition_type->serializeTextQuoted(*part->partition_value, 0, out, FormatSettings {});
            partition = out.release();
        }
        result.push_back(PartInfo {part->name, part->info.partition_id, std::move(partition), part->rows, part->bytes_on_disk,
                                   part->info.level, part->granules, part->info.min_block, part->info.max_block});
    }
    return result;
}

} // namespace pipit

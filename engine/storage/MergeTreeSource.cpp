#include "engine/storage/MergeTreeSource.h"

#include "engine/base/Check.h"
#include "engine/base/Exception.h"
#include "engine/columns/ColumnVector.h"

#include <algorithm>

namespace pipit
{

MergeTreeSource::MergeTreeSource(MergeTreeColumns columns, std::deque<MergeTreeReadTask> tasks, Blocks buffer_blocks, size_t max_block_size,
                                 StorageExpressionPtr prewhere)
    : columns_(std::move(columns))
    , tasks_(std::move(tasks))
    , buffer_blocks_(std::move(buffer_blocks))
    , max_block_size_(max_block_size == 0 ? 65536 : max_block_size)
{
    size_t granules = 0;
    for (const auto & task : tasks_)
        granules += task.range.end - task.range.begin;
    MergeTreeReaderCache & cache = MergeTreeReaderCache::instance();
    if (granules > 0 && granules <= MergeTreeReaderCache::max_granules_per_read && cache.maxBytes() > 0)
        cache_ = &cache;
    if (!prewhere)
        return;
    const auto required = prewhere->requiredColumns();
    for (const auto & column : columns_)
    {
        if (std::find(required.begin(), required.end(), column.first) != required.end())
            prewhere_columns_.push_back(column);
        else
            other_columns_.push_back(column);
    }
    /// Worth it only when some columns can be skipped, and possible only when every prewhere column is read.
    if (prewhere_columns_.size() == required.size() && !other_columns_.empty())
        prewhere_ = std::move(prewhere);
}

namespace
{

/// Rows [offset, offset + length) of every column of `block`.
Block cutBlock(const Block & block, size_t offset, size_t length)
{
    Block result;
    for (const auto & column : block)
        result.insert({column.column->cut(offset, length), column.type, column.name});
    return result;
}

/// Evaluations of the key condition one row window may spend; past it the window stays the whole range.
constexpr size_t key_condition_budget = 256;
/// Row runs are halved down to runs of at most this many rows: a check compares key values in place (a few cache
/// misses), cheaper than cutting and filtering the rows a wider run would keep.
constexpr size_t key_leaf_rows = 32;

} // namespace

void MergeTreeSource::setKeyCondition(std::shared_ptr<const IKeyCondition> condition, std::vector<StorageExpressionPtr> primary_key)
{
    if (!condition || primary_key.empty() || !cache_)
        return;
    MergeTreeColumns key_columns;
    for (const auto & expression : primary_key)
        for (const auto & name : expression->requiredColumns())
        {
            auto it = std::find_if(columns_.begin(), columns_.end(), [&](const auto & column) { return column.first == name; });
            if (it == columns_.end())
                return; /// the key's values are not read: no narrowing
            if (std::find_if(key_columns.begin(), key_columns.end(), [&](const auto & column) { return column.first == name; }) ==
                key_columns.end())
                key_columns.push_back(*it);
        }
    key_condition_ = std::move(condition);
    primary_key_ = std::move(primary_key);
    key_columns_ = std::move(key_columns);
}

std::pair<size_t, size_t> MergeTreeSource::keyRows(const MergeTreeDataPartPtr & part, size_t begin, size_t end)
{
    const auto & starts = part->granule_start_rows;
    const size_t first = starts[begin];
    const size_t last = starts[end];
    if (!key_condition_ || part->index_columns.size() != primary_key_.size())
        return {first, last};
    if (!key_reader_ || key_reader_->part() != part)
    {
        /// Parts written before an ALTER of a key column's type, or without it, are read whole.
        for (const auto & [name, type] : key_columns_)
        {
            ptrdiff_t position = part->columnPosition(name);
            if (position < 0 || !part->columns[static_cast<size_t>(position)].second->equals(*type))
                return {first, last};
        }
        key_reader_ = std::make_unique<MergeTreePartReader>(part, key_columns_, cache_);
    }
    Block block = key_reader_->readGranules(begin, end);
    Columns keys;
    keys.reserve(primary_key_.size());
    for (const auto & expression : primary_key_)
        keys.push_back(expression->evaluate(block));
    const auto checker = key_condition_->prepareRanges(keys);

    /// Bisection over the sorted key values of rows [0, rows) of the granules (like MergeTreeRangeSelector over
    /// marks), within a budget of checks; once it is spent, every undecided range may match.
    struct Bisection
    {
        const IKeyRangeChecker & checker;
        size_t budget = key_condition_budget;
        bool exhausted = false;

        /// Whether rows [a, b) may hold a key satisfying the condition (true once the budget is spent).
        bool mayMatch(size_t a, size_t b)
        {
            if (budget == 0)
            {
                exhausted = true;
                return true;
            }
            --budget;
            return checker.mayBeTrueInRange(a, b - 1);
        }
        /// Start of the first run of at most key_leaf_rows rows of [a, b) whose keys may satisfy the condition;
        /// SIZE_MAX if none. [a, b) itself is checked by the caller.
        size_t leftEdge(size_t a, size_t b)
        {
            if (b - a <= key_leaf_rows || exhausted)
                return a;
            const size_t mid = a + (b - a) / 2;
            if (mayMatch(a, mid))
            {
                const size_t found = leftEdge(a, mid);
                if (found != SIZE_MAX)
                    return found;
            }
            return mayMatch(mid, b) ? leftEdge(mid, b) : SIZE_MAX;
        }
        /// End of the last such run of [a, b); `a` if none.
        size_t rightEdge(size_t a, size_t b)
        {
            if (b - a <= key_leaf_rows || exhausted)
                return b;
            const size_t mid = a + (b - a) / 2;
            if (mayMatch(mid, b))
            {
                const size_t found = rightEdge(mid, b);
                if (found != mid)
                    return found;
            }
            return mayMatch(a, mid) ? rightEdge(a, mid) : a;
        }
    };
    Bisection bisection {*checker};
    /// The granules' own check (primary.idx) passed, so the whole range is not checked again.
    const size_t rows = last - first;
    const size_t left = bisection.leftEdge(0, rows);
    if (bisection.exhausted)
        return {first, last};
    if (left == SIZE_MAX)
        return {first, first};
    /// Usually every match is in or right after the first run: one check of the rest proves it.
    size_t right = std::min(rows, left + key_leaf_rows);
    if (right < rows && bisection.mayMatch(right, rows))
        right = bisection.rightEdge(right, rows);
    if (bisection.exhausted)
        return {first + left, last};
    return {first + left, first + right};
}

Block MergeTreeSource::readGranulesWithPrewhere(const MergeTreeDataPartPtr & part, size_t begin, size_t end, size_t first_row,
                                                size_t last_row)
{
    if (!prewhere_reader_ || prewhere_reader_->part() != part)
    {
        prewhere_reader_ = std::make_unique<MergeTreePartReader>(part, prewhere_columns_, cache_);
        other_reader_ = std::make_unique<MergeTreePartReader>(part, other_columns_, cache_);
    }
    const auto & starts = part->granule_start_rows;
    Block prewhere_block = prewhere_reader_->readGranules(begin, end);
    if (first_row != starts[begin] || last_row != starts[end])
        prewhere_block = cutBlock(prewhere_block, first_row - starts[begin], last_row - first_row);
    const size_t rows = prewhere_block.rows();
    auto mask_column = prewhere_->evaluate(prewhere_block);
    const auto & mask = assertColumnCast<ColumnUInt8>(*mask_column).getData();
    CHECK(mask.size() == rows && rows == last_row - first_row);

    /// Granule runs with at least one kept row; only those are read for the other columns. Mask row i is part row
    /// first_row + i.
    std::vector<std::pair<size_t, size_t>> runs;
    size_t kept = 0;
    for (size_t g = begin; g < end; ++g)
    {
        const size_t a = std::max<size_t>(starts[g], first_row);
        const size_t b = std::min<size_t>(starts[g + 1], last_row);
        size_t granule_kept = 0;
        for (size_t r = a; r < b; ++r)
            granule_kept += mask[r - first_row] != 0;
        kept += granule_kept;
        if (granule_kept == 0)
            continue;
        if (!runs.empty() && runs.back().second == g)
            runs.back().second = g + 1;
        else
            runs.emplace_back(g, g + 1);
    }
    if (kept == 0)
        return {};

    /// The other columns of the kept runs within [first_row, last_row), and the mask rows of those.
    Block other_block;
    Filter other_mask;
    std::vector<MutableColumnPtr> merged;
    for (const auto & [run_begin, run_end] : runs)
    {
        Block run = other_reader_->readGranules(run_begin, run_end);
        const size_t a = std::max<size_t>(starts[run_begin], first_row);
        const size_t b = std::min<size_t>(starts[run_end], last_row);
        if (a != starts[run_begin] || b != starts[run_end])
            run = cutBlock(run, a - starts[run_begin], b - a);
        other_mask.insert(other_mask.end(), mask.begin() + static_cast<ptrdiff_t>(a - first_row),
                          mask.begin() + static_cast<ptrdiff_t>(b - first_row));
        if (runs.size() == 1)
        {
            other_block = std::move(run);
            break;
        }
        if (merged.empty())
        {
            other_block = run.cloneEmptyHeader();
            for (size_t c = 0; c < run.columns(); ++c)
                merged.push_back(run.getByPosition(c).column->cloneEmpty());
        }
        for (size_t c = 0; c < run.columns(); ++c)
            merged[c]->insertRangeFrom(*run.getByPosition(c).column, 0, run.rows());
    }
    for (size_t c = 0; c < merged.size(); ++c)
        other_block.getByPosition(c).column = std::move(merged[c]);

    Filter prewhere_mask(mask.begin(), mask.end());
    Block result;
    for (const auto & [name, type] : columns_)
    {
        const bool from_prewhere = prewhere_block.has(name);
        const auto & source = from_prewhere ? prewhere_block.getByName(name) : other_block.getByName(name);
        const auto & source_mask = from_prewhere ? prewhere_mask : other_mask;
        ColumnPtr column = kept == source.column->size() ? source.column : source.column->filter(source_mask, kept);
        result.insert({column, source.type, name});
    }
    return result;
}

Block MergeTreeSource::read()
{
    while (!tasks_.empty())
    {
        auto & task = tasks_.front();
        if (task.range.begin >= task.range.end)
        {
            tasks_.pop_front();
            continue;
        }
        const MergeTreeDataPartPtr part = task.part;
        /// Whole granules up to max_block_size rows (at least one).
        size_t end = task.range.begin + 1;
        const auto & starts = part->granule_start_rows;
        while (end < task.range.end && starts[end + 1] - starts[task.range.begin] <= max_block_size_)
            ++end;
        Block block;
        const auto [first_row, last_row] = keyRows(part, task.range.begin, end);
        rows_skipped_ += (starts[end] - starts[task.range.begin]) - (last_row - first_row);
        if (first_row == last_row)
        {
            /// No row's key can match.
        }
        else if (prewhere_)
            block = readGranulesWithPrewhere(part, task.range.begin, end, first_row, last_row);
        else
        {
            if (!reader_ || reader_->part() != part)
                reader_ = std::make_unique<MergeTreePartReader>(part, columns_, cache_);
            block = reader_->readGranules(task.range.begin, end);
            if (first_row != starts[task.range.begin] || last_row != starts[end])
                block = cutBlock(block, first_row - starts[task.range.begin], last_row - first_row);
        }
        task.range.begin = end;
        if (task.range.begin >= task.range.end)
            tasks_.pop_front();
        if (tasks_.empty() || tasks_.front().part != part)
        {
            reader_.reset();
            prewhere_reader_.reset();
            other_reader_.reset();
            key_reader_.reset();
        }
        if (block.rows() > 0)
            return block;
    }
    /// Buffered blocks (often tiny single-event inserts) are coalesced up to max_block_size rows.
    MutableColumns result;
    std::vector<DataTypePtr> types;
    size_t result_rows = 0;
    while (buffer_position_ < buffer_blocks_.size() && result_rows < max_block_size_)
    {
        const Block & source = buffer_blocks_[buffer_position_];
        const size_t rows = source.rows();
        if (buffer_row_ >= rows)
        {
            ++buffer_position_;
            buffer_row_ = 0;
            continue;
        }
        const size_t count = std::min(max_block_size_ - result_rows, rows - buffer_row_);
        if (result_rows == 0 && buffer_row_ == 0 && count == rows)
        {
            /// A whole block: pass its columns through unless the next blocks can be appended.
            bool last_or_full = count == max_block_size_ || buffer_position_ + 1 == buffer_blocks_.size();
            if (last_or_full)
            {
                Block block;
                for (const auto & [name, type] : columns_)
                {
                    const auto & column = source.getByName(name);
                    block.insert({column.column, column.type, name});
                }
                ++buffer_position_;
                return block;
            }
        }
        if (result.empty())
            for (const auto & [name, type] : columns_)
            {
                const auto & column = source.getByName(name);
                result.push_back(column.column->cloneEmpty());
                result.back()->reserve(std::min(max_block_size_, rows * 4));
                types.push_back(column.type);
            }
        for (size_t i = 0; i < columns_.size(); ++i)
            result[i]->insertRangeFrom(*source.getByName(columns_[i].first).column, buffer_row_, count);
        result_rows += count;
        buffer_row_ += count;
    }
    if (result_rows > 0)
    {
        Block block;
        for (size_t i = 0; i < columns_.size(); ++i)
            block.insert({std::move(result[i]), types[i], columns_[i].first});
        return block;
    }
    return {};
}

} // namespace pipit

// DecoderModel: loading (config, family spec, weights checked against the config, placement by
// the device map) and the forward step shared by every family.
#include "model/decoder.h"

#include "backend/cpu/cpu_backend.h"
#include "core/error.h"
#include "runtime/kv_cache.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>

namespace lathe {

namespace {

// Page-aligned inner part of a span, for madvise.
std::pair<void*, std::size_t> pageRange(std::span<const std::byte> span)
{
    static const std::uintptr_t page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    const auto begin = (reinterpret_cast<std::uintptr_t>(span.data()) + page - 1) & ~(page - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(span.data()) + span.size()) & ~(page - 1);
    if (end <= begin) {
        return {nullptr, 0};
    }
    return {reinterpret_cast<void*>(begin), static_cast<std::size_t>(end - begin)};
}

void advise(const std::vector<std::span<const std::byte>>& spans, int advice)
{
    for (const auto& span : spans) {
        const auto [address, length] = pageRange(span);
        if (length > 0) {
            ::madvise(address, length, advice);
        }
    }
}

}  // namespace

DecoderModel::~DecoderModel() = default;

bool isGgufFile(const std::filesystem::path& path)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    char magic[4] = {};
    in.read(magic, 4);
    return in.gcount() == 4 && std::memcmp(magic, "GGUF", 4) == 0;
}

ModelConfig readModelConfig(const std::filesystem::path& model)
{
    if (isGgufFile(model)) {
        const GgufFile file = GgufFile::open(model);
        return parseModelConfig(describeGgufModel(file).config, model.filename().string());
    }
    return loadModelConfig(model);
}

GenerationDefaults readGenerationDefaults(const std::filesystem::path& model)
{
    if (isGgufFile(model)) {
        const GgufFile file = GgufFile::open(model);
        return parseGenerationDefaults(describeGgufModel(file).generationConfig, model.filename().string());
    }
    return loadGenerationDefaults(model);
}

std::unique_ptr<DecoderModel> DecoderModel::load(const std::filesystem::path& path, const ModelLoadOptions& options)
{
    std::unique_ptr<DecoderModel> model(new DecoderModel());
    model->m_folder = path;
    model->m_cpu = std::make_unique<CpuBackend>(options.threads);
    if (isGgufFile(path)) {
        model->m_gguf = std::make_unique<GgufFile>(GgufFile::open(path));
        const GgufModel described = describeGgufModel(*model->m_gguf);
        model->m_config = parseModelConfig(described.config, path.filename().string());
        model->m_family = familySpec(model->m_config);
        model->m_source = std::make_unique<GgufSource>(*model->m_gguf, described);
        model->loadWeights(options, *model->m_source);
    } else {
        model->m_config = loadModelConfig(path);
        model->m_family = familySpec(model->m_config);
        // The source keeps the checkpoint's maps open for as long as the model uses them.
        model->m_source = std::make_unique<CheckpointSource>(Checkpoint::open(path));
        model->loadWeights(options, *model->m_source);
    }
    return model;
}

void DecoderModel::loadWeights(const ModelLoadOptions& options, const TensorSource& source)
{
    const ModelConfig& c = m_config;
    const FamilySpec& f = m_family;
    WeightReader reader(source, m_folder.string(), options.quantize, m_storage);

    // Where the decoder's weights sit: "model." for the *ForCausalLM classes; a multimodal
    // checkpoint keeps its text model under language_model (older or newer naming).
    std::string prefix = "model.";
    for (const char* candidate : {"model.", "model.language_model.", "language_model.model."}) {
        if (reader.has(std::string(candidate) + "embed_tokens.weight")) {
            prefix = candidate;
            break;
        }
    }
    const std::string headName = prefix == "language_model.model." ? "language_model.lm_head.weight" : "lm_head.weight";

    bool warnedGpu = false;
    auto backendFor = [&](const std::string& module) {
        const Placement placement = options.deviceMap.resolve(module);
        if (placement.kind == Placement::Kind::Gpu && !warnedGpu) {
            m_warnings.push_back("the device map puts \"" + module + "\" on GPU " + std::to_string(placement.gpu) +
                                 ", but the runtime has no CUDA backend yet: it runs on the CPU");
            warnedGpu = true;
        }
        return std::pair<Placement, Backend*>(placement, m_cpu.get());
    };

    const std::int64_t H = c.hiddenSize;
    const std::int64_t qDim = c.numHeads * c.headDim;
    const std::int64_t kvDim = c.numKvHeads * c.headDim;
    const std::int64_t I = c.intermediateSize;
    const std::string dims = "hidden_size " + std::to_string(H) + ", num_attention_heads " + std::to_string(c.numHeads) +
                             ", num_key_value_heads " + std::to_string(c.numKvHeads) + ", head_dim " +
                             std::to_string(c.headDim);
    const std::string mlpDims = "hidden_size " + std::to_string(H) + ", intermediate_size " + std::to_string(I);
    const float normOffset = f.norm == NormStyle::OffsetOne ? 1.0f : 0.0f;

    // Embeddings.
    {
        auto [placement, backend] = backendFor(prefix + "embed_tokens");
        m_embedBackend = backend;
        m_embed = backend->prepareWeight(reader.matrix(prefix + "embed_tokens.weight", c.vocabSize, H,
                                                       "vocab_size " + std::to_string(c.vocabSize) + ", hidden_size " +
                                                           std::to_string(H)));
        if (f.scaleEmbeddings) {
            // In float32, as transformers computes when the model runs in float32 (which is what
            // this runtime does with any weight dtype).
            m_embedScale = static_cast<float>(std::sqrt(static_cast<double>(H)));
        }
        if (placement.kind == Placement::Kind::Disk) {
            reader.takeMapped();  // looked up row by row: nothing to stream
        }
    }

    m_layers.resize(static_cast<std::size_t>(c.numLayers));
    std::vector<std::vector<std::span<const std::byte>>> residentSpans;
    for (std::int64_t i = 0; i < c.numLayers; ++i) {
        DecoderLayer& layer = m_layers[static_cast<std::size_t>(i)];
        const std::string module = prefix + "layers." + std::to_string(i);
        const std::string p = module + ".";
        auto [placement, backend] = backendFor(module);
        layer.placement = placement;
        layer.backend = backend;
        layer.attention = c.layerTypes[static_cast<std::size_t>(i)];
        layer.window = layer.attention == LayerAttention::Sliding && c.slidingWindow
                           ? static_cast<std::int32_t>(*c.slidingWindow)
                           : 0;
        Backend& b = *backend;
        auto matrix = [&](const std::string& name, std::int64_t rows, std::int64_t cols, const std::string& why) {
            return b.prepareWeight(reader.matrix(p + name + ".weight", rows, cols, why));
        };
        if (!f.qkvProj.empty()) {
            layer.qkv = matrix(f.qkvProj, qDim + 2 * kvDim, H, dims);
            if (f.qkvBias) {
                layer.qBias = reader.vector(b, p + f.qkvProj + ".bias", qDim + 2 * kvDim, dims);
            }
        } else {
            layer.q = matrix(f.qProj, qDim, H, dims);
            layer.k = matrix(f.kProj, kvDim, H, dims);
            layer.v = matrix(f.vProj, kvDim, H, dims);
            if (f.qkvBias) {
                layer.qBias = reader.vector(b, p + f.qProj + ".bias", qDim, dims);
                layer.kBias = reader.vector(b, p + f.kProj + ".bias", kvDim, dims);
                layer.vBias = reader.vector(b, p + f.vProj + ".bias", kvDim, dims);
            }
        }
        layer.o = matrix(f.oProj, H, qDim, dims);
        if (f.oBias) {
            layer.oBias = reader.vector(b, p + f.oProj + ".bias", H, dims);
        }
        if (!f.qNorm.empty()) {
            layer.qNorm = reader.vector(b, p + f.qNorm + ".weight", c.headDim, dims, normOffset);
            layer.kNorm = reader.vector(b, p + f.kNorm + ".weight", c.headDim, dims, normOffset);
        }
        if (!f.gateUpProj.empty()) {
            layer.gateUp = matrix(f.gateUpProj, 2 * I, H, mlpDims);
        } else {
            layer.gate = matrix(f.gateProj, I, H, mlpDims);
            layer.up = matrix(f.upProj, I, H, mlpDims);
            if (f.mlpBias) {
                layer.gateBias = reader.vector(b, p + f.gateProj + ".bias", I, mlpDims);
                layer.upBias = reader.vector(b, p + f.upProj + ".bias", I, mlpDims);
            }
        }
        layer.down = matrix(f.downProj, H, I, mlpDims);
        if (f.mlpBias) {
            layer.downBias = reader.vector(b, p + f.downProj + ".bias", H, mlpDims);
        }
        const std::string hidden = "hidden_size " + std::to_string(H);
        layer.inputNorm = reader.vector(b, p + f.inputNorm + ".weight", H, hidden, normOffset);
        layer.preFeedforwardNorm = reader.vector(b, p + f.preFeedforwardNorm + ".weight", H, hidden, normOffset);
        if (!f.postAttentionNorm.empty()) {
            layer.postAttentionNorm = reader.vector(b, p + f.postAttentionNorm + ".weight", H, hidden, normOffset);
        }
        if (!f.postFeedforwardNorm.empty()) {
            layer.postFeedforwardNorm = reader.vector(b, p + f.postFeedforwardNorm + ".weight", H, hidden, normOffset);
        }
        layer.mappedWeights = reader.takeMapped();
        if (placement.kind != Placement::Kind::Disk) {
            residentSpans.push_back(layer.mappedWeights);
        }
        if (std::find(m_backends.begin(), m_backends.end(), backend) == m_backends.end()) {
            m_backends.push_back(backend);
        }
    }

    // Final norm and LM head.
    {
        auto [placement, backend] = backendFor(headName.substr(0, headName.size() - 7));  // "lm_head"
        m_headBackend = backend;
        m_finalNorm = reader.vector(*backend, prefix + "norm.weight", H, "hidden_size " + std::to_string(H), normOffset);
        if (c.tieWordEmbeddings || !reader.has(headName)) {
            if (!c.tieWordEmbeddings) {
                reader.require(headName, "tie_word_embeddings is false, so the model needs its own LM head");
            }
            m_lmHead = backend->prepareWeight(m_embed);
        } else {
            m_lmHead = backend->prepareWeight(reader.matrix(headName, c.vocabSize, H,
                                                            "vocab_size " + std::to_string(c.vocabSize) +
                                                                ", hidden_size " + std::to_string(H)));
        }
        auto head = reader.takeMapped();
        if (placement.kind != Placement::Kind::Disk) {
            residentSpans.push_back(std::move(head));
        }
    }
    for (Backend* backend : {m_embedBackend, m_headBackend}) {
        if (std::find(m_backends.begin(), m_backends.end(), backend) == m_backends.end()) {
            m_backends.push_back(backend);
        }
    }

    m_ropeInterleaved = reader.permutedQueryKey();

    // Rotary tables. Length-independent types are computed once; LongRoPE has two tables
    // (short and long factors) chosen per step; dynamic NTK is recomputed per step when needed.
    for (int type = 0; type < 2; ++type) {
        const RopeConfig& rope = type == 0 ? c.rope : c.localRope;
        m_rope[type] = computeRopeFrequencies(rope, c.headDim, c.maxPositionEmbeddings, 1);
        if (rope.type == RopeType::LongRope) {
            const std::int64_t original = rope.originalMaxPositionEmbeddings.value_or(c.maxPositionEmbeddings);
            m_ropeLong[type] = computeRopeFrequencies(rope, c.headDim, c.maxPositionEmbeddings, original + 1);
        }
    }

    // Bring resident weights into memory now (the "loading" a user waits for), in order, so
    // the first token does not pay for page faults. Disk-mapped layers stay on disk.
    std::uint64_t total = 0;
    for (const auto& spans : residentSpans) {
        for (const auto& span : spans) {
            total += span.size();
        }
    }
    m_weightBytes = total;
    std::uint64_t done = 0;
    std::uint64_t nextReport = 0;
    volatile unsigned char sink = 0;
    for (const auto& spans : residentSpans) {
        advise(spans, MADV_WILLNEED);
        for (const auto& span : spans) {
            const auto* bytes = reinterpret_cast<const unsigned char*>(span.data());
            for (std::size_t offset = 0; offset < span.size(); offset += 4096) {
                sink = sink + bytes[offset];
            }
            done += span.size();
            if (options.progress && done >= nextReport) {
                if (!options.progress(total == 0 ? 1.0 : static_cast<double>(done) / static_cast<double>(total))) {
                    throwCancelled("loading " + m_folder.string());
                }
                nextReport = done + (64ull << 20);
            }
        }
    }
    if (options.progress && !options.progress(1.0)) {
        throwCancelled("loading " + m_folder.string());
    }
}

Workspace DecoderModel::makeWorkspace(std::int64_t maxTokens, std::int64_t maxLogitRows) const
{
    const ModelConfig& c = m_config;
    Workspace ws;
    ws.m_maxTokens = maxTokens;
    ws.m_maxLogitRows = maxLogitRows;
    const auto T = static_cast<std::size_t>(maxTokens);
    const auto H = static_cast<std::size_t>(c.hiddenSize);
    const auto qkvDim = static_cast<std::size_t>((c.numHeads + 2 * c.numKvHeads) * c.headDim);
    const auto qDim = static_cast<std::size_t>(c.numHeads * c.headDim);
    const auto I = static_cast<std::size_t>(c.intermediateSize);
    for (Backend* backend : m_backends) {
        Workspace::Buffers buffers;
        buffers.backend = backend;
        buffers.x = backend->allocate(T * H);
        buffers.h = backend->allocate(T * H);
        buffers.qkv = backend->allocate(T * qkvDim);
        buffers.attn = backend->allocate(T * qDim);
        buffers.gateUp = backend->allocate(T * 2 * I);
        buffers.tmp = backend->allocate(T * H);
        buffers.rows = backend->allocate(static_cast<std::size_t>(maxLogitRows) * H);
        if (backend != m_cpu.get()) {
            buffers.logits = backend->allocate(static_cast<std::size_t>(maxLogitRows * c.vocabSize));
        }
        ws.m_perBackend.push_back(std::move(buffers));
    }
    if (m_backends.size() > 1) {
        ws.m_host.resize(T * H);
    }
    ws.m_sequenceIndex.resize(T);
    ws.m_tables.resize(T);
    return ws;
}

Workspace::Buffers& DecoderModel::buffersFor(Workspace& workspace, Backend* backend) const
{
    for (auto& buffers : workspace.m_perBackend) {
        if (buffers.backend == backend) {
            return buffers;
        }
    }
    throw Error(ErrorKind::InvalidInput, m_folder.string(), "workspace", "was made for another model");
}

const RopeFrequencies& DecoderModel::ropeFor(LayerAttention type, std::int64_t seqLen, Workspace& workspace) const
{
    const int index = type == LayerAttention::Full ? 0 : 1;
    const RopeConfig& rope = index == 0 ? m_config.rope : m_config.localRope;
    if (rope.type == RopeType::LongRope) {
        const std::int64_t original = rope.originalMaxPositionEmbeddings.value_or(m_config.maxPositionEmbeddings);
        return seqLen > original ? m_ropeLong[index] : m_rope[index];
    }
    if (rope.type == RopeType::Dynamic && seqLen > m_config.maxPositionEmbeddings) {
        // Beyond the trained length the NTK base grows with the length: recomputed when it
        // changes (the only allocation a decode step can make, and only past the context).
        if (workspace.m_dynamicLength[index] != seqLen) {
            workspace.m_dynamicRope[index] =
                computeRopeFrequencies(rope, m_config.headDim, m_config.maxPositionEmbeddings, seqLen);
            workspace.m_dynamicLength[index] = seqLen;
        }
        return workspace.m_dynamicRope[index];
    }
    return m_rope[index];
}

void DecoderModel::forward(const StepBatch& step, KvCache& cache, Workspace& ws, float* logits) const
{
    const ModelConfig& c = m_config;
    const auto T = static_cast<std::int64_t>(step.ids.size());
    const std::int64_t H = c.hiddenSize;
    if (T == 0) {
        return;
    }
    if (T > ws.m_maxTokens || static_cast<std::int64_t>(step.logitTokens.size()) > ws.m_maxLogitRows) {
        throw Error(ErrorKind::InvalidInput, m_folder.string(), "step",
                    "has " + std::to_string(T) + " tokens and " + std::to_string(step.logitTokens.size()) +
                        " logit rows; the workspace holds " + std::to_string(ws.m_maxTokens) + " and " +
                        std::to_string(ws.m_maxLogitRows));
    }
    for (std::int64_t t = 0; t < T; ++t) {
        const std::int32_t id = step.ids[static_cast<std::size_t>(t)];
        if (id < 0 || id >= c.vocabSize) {
            throwInvalid(m_folder.string(), "token id",
                         std::to_string(id) + " is outside the vocabulary [0, " + std::to_string(c.vocabSize) + ")");
        }
    }

    // The step's sequences, in order of appearance, and each token's index among them.
    std::int32_t sequences = 0;
    for (std::int64_t t = 0; t < T; ++t) {
        const std::int32_t slot = step.sequenceSlots[static_cast<std::size_t>(t)];
        if (t == 0 || slot != step.sequenceSlots[static_cast<std::size_t>(t - 1)]) {
            ws.m_tables[static_cast<std::size_t>(sequences++)] = cache.blockTables()[slot];
        }
        ws.m_sequenceIndex[static_cast<std::size_t>(t)] = sequences - 1;
    }
    AttentionBatch batch{T, ws.m_sequenceIndex.data(), step.positions.data(), ws.m_tables.data()};

    Backend* current = m_embedBackend;
    Workspace::Buffers* buffers = &buffersFor(ws, current);
    current->embed(m_embed, step.ids.data(), T, buffers->x.data(), H);
    if (m_embedScale != 1.0f) {
        current->scaleInPlace(buffers->x.data(), m_embedScale, T * H);
    }
    auto moveTo = [&](Backend* next) {
        if (next == current) {
            return;
        }
        Workspace::Buffers& target = buffersFor(ws, next);
        current->copyToHost(ws.m_host.data(), buffers->x.data(), static_cast<std::size_t>(T * H));
        next->copyToDevice(target.x.data(), ws.m_host.data(), static_cast<std::size_t>(T * H));
        current = next;
        buffers = &target;
    };

    for (std::size_t i = 0; i < m_layers.size(); ++i) {
        const DecoderLayer& layer = m_layers[i];
        moveTo(layer.backend);
        if (layer.placement.kind == Placement::Kind::Disk) {
            advise(layer.mappedWeights, MADV_WILLNEED);
        }
        runLayer(i, step, batch, cache, ws);
        if (layer.placement.kind == Placement::Kind::Disk) {
            // Streamed: drop the pages from this process again (the page cache may keep them).
            advise(layer.mappedWeights, MADV_DONTNEED);
        }
    }

    moveTo(m_headBackend);
    const auto rows = static_cast<std::int64_t>(step.logitTokens.size());
    for (std::int64_t r = 0; r < rows; ++r) {
        const std::int32_t t = step.logitTokens[static_cast<std::size_t>(r)];
        current->rmsNorm(buffers->x.data() + t * H, 1, H, H, m_finalNorm.data(), static_cast<float>(c.rmsNormEps),
                         buffers->rows.data() + r * H, H);
    }
    float* out = current == m_cpu.get() ? logits : buffers->logits.data();
    current->linear(buffers->rows.data(), rows, H, m_lmHead, nullptr, out, c.vocabSize);
    if (c.finalLogitSoftcapping) {
        current->softcapInPlace(out, static_cast<float>(*c.finalLogitSoftcapping), rows * c.vocabSize);
    }
    if (out != logits) {
        current->copyToHost(logits, out, static_cast<std::size_t>(rows * c.vocabSize));
    }
}

std::vector<float> DecoderModel::sequenceLogits(std::span<const std::int32_t> ids, std::int64_t chunk) const
{
    const auto length = static_cast<std::int64_t>(ids.size());
    if (length == 0) {
        throwInvalid(m_folder.string(), "ids", "is empty: give at least one token id");
    }
    if (length > contextLength()) {
        throwInvalid(m_folder.string(), "ids",
                     "has " + std::to_string(length) + " tokens but the model's context is " +
                         std::to_string(contextLength()) + " (max_position_embeddings)");
    }
    KvCache cache(*this, static_cast<std::int32_t>((length + 15) / 16), 1, length);
    Workspace workspace = makeWorkspace(chunk, chunk);
    const std::int32_t slot = cache.acquire(length);
    std::vector<float> logits(static_cast<std::size_t>(length * vocabSize()));
    std::vector<std::int32_t> positions;
    std::vector<std::int32_t> rows;
    const std::vector<std::int32_t> slots(static_cast<std::size_t>(chunk), slot);
    const std::vector<std::int32_t> ropeLengths(static_cast<std::size_t>(chunk), static_cast<std::int32_t>(length));
    for (std::int64_t start = 0; start < length; start += chunk) {
        const auto count = static_cast<std::size_t>(std::min(chunk, length - start));
        positions.clear();
        rows.clear();
        for (std::size_t i = 0; i < count; ++i) {
            positions.push_back(static_cast<std::int32_t>(start) + static_cast<std::int32_t>(i));
            rows.push_back(static_cast<std::int32_t>(i));
        }
        StepBatch step;
        step.ids = ids.subspan(static_cast<std::size_t>(start), count);
        step.positions = positions;
        step.sequenceSlots = std::span(slots).first(count);
        step.logitTokens = rows;
        step.ropeLengths = std::span(ropeLengths).first(count);
        forward(step, cache, workspace, logits.data() + start * vocabSize());
    }
    return logits;
}

void DecoderModel::runLayer(std::size_t index, const StepBatch& step, const AttentionBatch& batch, KvCache& cache,
                            Workspace& ws) const
{
    const ModelConfig& c = m_config;
    const DecoderLayer& layer = m_layers[index];
    Backend& b = *layer.backend;
    Workspace::Buffers& buf = buffersFor(ws, layer.backend);
    const std::int64_t T = batch.tokens;
    const std::int64_t H = c.hiddenSize;
    const std::int64_t hd = c.headDim;
    const std::int64_t qDim = c.numHeads * hd;
    const std::int64_t kvDim = c.numKvHeads * hd;
    const std::int64_t qkvDim = qDim + 2 * kvDim;
    const std::int64_t I = c.intermediateSize;
    const auto eps = static_cast<float>(c.rmsNormEps);
    float* x = buf.x.data();      // [T, H] the residual stream
    float* h = buf.h.data();      // [T, H]
    float* qkv = buf.qkv.data();  // [T, qkvDim]: q | k | v per token
    float* q = qkv;
    float* k = qkv + qDim;
    float* v = qkv + qDim + kvDim;
    float* tmp = buf.tmp.data();  // [T, H]

    // Attention block.
    b.rmsNorm(x, T, H, H, layer.inputNorm.data(), eps, h, H);
    if (layer.qkv.data != nullptr) {
        b.linear(h, T, H, layer.qkv, layer.qBias.data(), qkv, qkvDim);
    } else {
        b.linear(h, T, H, layer.q, layer.qBias.data(), q, qkvDim);
        b.linear(h, T, H, layer.k, layer.kBias.data(), k, qkvDim);
        b.linear(h, T, H, layer.v, layer.vBias.data(), v, qkvDim);
    }
    if (layer.qNorm.data() != nullptr) {
        for (std::int64_t t = 0; t < T; ++t) {
            b.rmsNorm(q + t * qkvDim, c.numHeads, hd, hd, layer.qNorm.data(), eps, q + t * qkvDim, hd);
            b.rmsNorm(k + t * qkvDim, c.numKvHeads, hd, hd, layer.kNorm.data(), eps, k + t * qkvDim, hd);
        }
    }
    // RoPE per run of one sequence's tokens: length-dependent tables differ between sequences.
    for (std::int64_t start = 0; start < T;) {
        std::int64_t end = start + 1;
        while (end < T && batch.tokenSequence[end] == batch.tokenSequence[start]) {
            ++end;
        }
        std::int64_t seqLen = 0;
        for (std::int64_t t = start; t < end; ++t) {
            const std::int64_t length = step.ropeLengths.empty() ? batch.positions[t] + 1
                                                                 : step.ropeLengths[static_cast<std::size_t>(t)];
            seqLen = std::max(seqLen, length);
        }
        const RopeFrequencies& rope = ropeFor(layer.attention, seqLen, ws);
        if (m_ropeInterleaved) {
            // GGUF's permuted q/k rows: rotating adjacent pairs there is Hugging Face's half-split
            // rotation of the unpermuted rows, and q.k is the same under the shared permutation.
            b.applyRopeInterleaved(q + start * qkvDim, end - start, c.numHeads, hd, qkvDim, batch.positions + start,
                                   rope.invFreq.data(), rope.rotaryDim, rope.attentionScaling);
            b.applyRopeInterleaved(k + start * qkvDim, end - start, c.numKvHeads, hd, qkvDim,
                                   batch.positions + start, rope.invFreq.data(), rope.rotaryDim,
                                   rope.attentionScaling);
        } else {
            b.applyRope(q + start * qkvDim, end - start, c.numHeads, hd, qkvDim, batch.positions + start,
                        rope.invFreq.data(), rope.rotaryDim, rope.attentionScaling);
            b.applyRope(k + start * qkvDim, end - start, c.numKvHeads, hd, qkvDim, batch.positions + start,
                        rope.invFreq.data(), rope.rotaryDim, rope.attentionScaling);
        }
        start = end;
    }
    const PagedKvView kv = cache.layer(index);
    b.writeKv(k, qkvDim, v, qkvDim, batch, kv);
    AttentionParams params;
    params.heads = static_cast<std::int32_t>(c.numHeads);
    params.scale = static_cast<float>(c.queryPreAttnScalar ? 1.0 / std::sqrt(*c.queryPreAttnScalar)
                                                           : 1.0 / std::sqrt(static_cast<double>(hd)));
    params.softcap = c.attnLogitSoftcapping ? static_cast<float>(*c.attnLogitSoftcapping) : 0.0f;
    params.window = layer.window;
    b.pagedAttention(q, qkvDim, batch, kv, params, buf.attn.data(), qDim);
    b.linear(buf.attn.data(), T, qDim, layer.o, layer.oBias.data(), tmp, H);
    if (layer.postAttentionNorm.data() != nullptr) {
        b.rmsNorm(tmp, T, H, H, layer.postAttentionNorm.data(), eps, tmp, H);
    }
    b.addInPlace(x, tmp, T * H);

    // MLP block: [T, 2I] holds gate | up, the activation is written over the gate half.
    float* gateUp = buf.gateUp.data();
    b.rmsNorm(x, T, H, H, layer.preFeedforwardNorm.data(), eps, h, H);
    if (layer.gateUp.data != nullptr) {
        b.linear(h, T, H, layer.gateUp, nullptr, gateUp, 2 * I);
    } else {
        b.linear(h, T, H, layer.gate, layer.gateBias.data(), gateUp, 2 * I);
        b.linear(h, T, H, layer.up, layer.upBias.data(), gateUp + I, 2 * I);
    }
    const GatedActivation act =
        c.activation == HiddenActivation::GeluTanh ? GatedActivation::GeluTanh : GatedActivation::Silu;
    b.gatedActivation(act, gateUp, 2 * I, gateUp + I, 2 * I, T, I, gateUp, 2 * I);
    b.linear(gateUp, T, 2 * I, layer.down, layer.downBias.data(), tmp, H);
    if (layer.postFeedforwardNorm.data() != nullptr) {
        b.rmsNorm(tmp, T, H, H, layer.postFeedforwardNorm.data(), eps, tmp, H);
    }
    b.addInPlace(x, tmp, T * H);
}

}  // namespace lathe

using Lucene.Net.Store;
using Microsoft.Win32.SafeHandles;

namespace UseCaseHub.Search.Lucene;

/// <summary>
/// The index folder read with positional reads (<see cref="RandomAccess.Read(SafeFileHandle, Span{byte}, long)"/>,
/// <c>pread</c>): a file is one handle shared by all its clones, each clone with its own position and buffer, so
/// concurrent searches never wait for one another. Lucene.NET 4.8.0-beta00017's own choices each serialise or stall:
/// its memory-mapped input registers every clone (each term lookup and postings list makes one) in a
/// <c>ConditionalWeakTable</c> under a lock, and the GC's work on those handles made young collections promote about
/// 2 MB and pause 7-13 ms under search load; its NIOFS and SimpleFS inputs seek and read one shared stream under a
/// lock, where the page's threads spent about a fifth of their time waiting (README, "Lucene directory").
/// Writing is the base class's (buffered file output).
/// </summary>
internal sealed class PositionalReadDirectory(DirectoryInfo path, LockFactory lockFactory) : FSDirectory(path, lockFactory)
{
    public override IndexInput OpenInput(string name, IOContext context)
    {
        EnsureOpen();
        var handle = OpenHandle(name);
        return new Input($"PositionalReadInput(path=\"{Path.Combine(Directory.FullName, name)}\")", handle, 0, RandomAccess.GetLength(handle), owner: true, context);
    }

    /// <summary>A compound file's parts: slices of one handle, closed with the slicer.</summary>
    public override IndexInputSlicer CreateSlicer(string name, IOContext context)
    {
        EnsureOpen();
        return new Slicer(Path.Combine(Directory.FullName, name), OpenHandle(name), context);
    }

    // Shared for delete: the writer may delete a file a reader still has open (the reader keeps reading it).
    private SafeFileHandle OpenHandle(string name) =>
        File.OpenHandle(Path.Combine(Directory.FullName, name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

    private sealed class Slicer(string file, SafeFileHandle handle, IOContext context) : IndexInputSlicer
    {
        public override IndexInput OpenSlice(string sliceDescription, long offset, long length)
        {
            if (offset < 0 || length < 0 || offset + length > RandomAccess.GetLength(handle))
            {
                throw new ArgumentException($"Slice {sliceDescription} out of bounds: offset {offset}, length {length} in {file}.");
            }

            return new Input($"PositionalReadInput({sliceDescription} in path=\"{file}\")", handle, offset, length, owner: false, context);
        }

        [Obsolete("Only for reading CFS files from 3.x indexes.")]
        public override IndexInput OpenFullSlice() => OpenSlice("full-slice", 0, RandomAccess.GetLength(handle));

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                handle.Dispose();
            }
        }
    }

    /// <summary>
    /// A window [<c>start</c>, <c>start + length</c>) of a file. Clones share the handle and never close it; the input
    /// that owns it closes it (Lucene disposes clones never, and the original only when no reader needs the file).
    /// </summary>
    private sealed class Input(string description, SafeFileHandle handle, long start, long length, bool owner, IOContext context)
        : BufferedIndexInput(description, context)
    {
        private bool _owner = owner;

        public override long Length => length;

        protected override void ReadInternal(byte[] b, int offset, int len)
        {
            var position = Position;
            if (position + len > length)
            {
                throw new EndOfStreamException($"Read past EOF: {this} (position {position}, {len} bytes, length {length}).");
            }

            var read = 0;
            while (read < len)
            {
                var got = RandomAccess.Read(handle, b.AsSpan(offset + read, len - read), start + position + read);
                if (got == 0)
                {
                    throw new EndOfStreamException($"Read past EOF: {this} (the file ended at {start + position + read}).");
                }

                read += got;
            }
        }

        protected override void SeekInternal(long pos)
        {
        }

        public override object Clone()
        {
            var clone = (Input)base.Clone();
            clone._owner = false;
            return clone;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && _owner)
            {
                handle.Dispose();
            }
        }
    }
}

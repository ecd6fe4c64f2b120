-- wrk script for `make bench-http`: request the paths listed in a file (one per line, given
-- after `--`) in turn, so that searches rotate over the whole query mix.
local paths = {}
local next_path = 0
local threads = 0

-- Runs once per thread, in the main state, before the threads start: number them.
function setup(thread)
  thread:set("number", threads)
  threads = threads + 1
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then
      paths[#paths + 1] = line
    end
  end
  -- Each thread starts at its own place in the list, spread by the golden ratio (any number
  -- of threads: thread 0 at the start, thread 1 at 0.618 of the way, thread 2 at 0.236 …).
  next_path = math.floor(#paths * ((number * 0.6180339887) % 1))
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end

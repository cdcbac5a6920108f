# Package moves of issue #14 (branch pkg): apply with
#   git ls-files -z -- '*.java' '*.md' bin pom.xml '*/pom.xml' | xargs -0 sed -i -E -f MOVES.sed
# Re-runnable: every line maps an old name to a new one that no line matches again.
# It rewrites qualified names (imports, Javadoc links, package-qualified uses) and source paths. It cannot add
# imports: a file that used one of these classes unqualified from the same old package needs an import (compile).
# root package -> job (the job and its runners) and pipeline (the contract between the job and the domains)
s/\bjilin\.ew\.EarlyWarningJob\b/jilin.ew.job.EarlyWarningJob/g
s/\bjilin\.ew\.UnhandledTypes\b/jilin.ew.job.UnhandledTypes/g
s/\bjilin\.ew\.DomainPipeline\b/jilin.ew.pipeline.DomainPipeline/g
s/\bjilin\.ew\.JobSettings\b/jilin.ew.pipeline.JobSettings/g
# io -> job (runners and outputs)
s/\bjilin\.ew\.io\.LocalRun\b/jilin.ew.job.LocalRun/g
s/\bjilin\.ew\.io\.JobOutput\b/jilin.ew.job.JobOutput/g
s/\bjilin\.ew\.io\.OutputOrder\b/jilin.ew.job.OutputOrder/g
s/\bjilin\.ew\.io\.JsonlFormat\b/jilin.ew.job.JsonlFormat/g
# io -> ingest (decode, event time, watermarks, stream-time guard, held unknowns, line reader, dead-letter tag)
s/\bjilin\.ew\.io\.DecodeFunction\b/jilin.ew.ingest.DecodeFunction/g
s/\bjilin\.ew\.io\.EventTimed\b/jilin.ew.ingest.EventTimed/g
s/\bjilin\.ew\.io\.OwnEventTime\b/jilin.ew.ingest.OwnEventTime/g
s/\bjilin\.ew\.io\.ProgressWatermarks\b/jilin.ew.ingest.ProgressWatermarks/g
s/\bjilin\.ew\.io\.StreamAhead\b/jilin.ew.ingest.StreamAhead/g
s/\bjilin\.ew\.io\.StreamTimeGuard\b/jilin.ew.ingest.StreamTimeGuard/g
s/\bjilin\.ew\.io\.HeldUnknown\b/jilin.ew.ingest.HeldUnknown/g
s/\bjilin\.ew\.io\.BoundedLineReader\b/jilin.ew.ingest.BoundedLineReader/g
s/\bjilin\.ew\.io\.Outputs\b/jilin.ew.ingest.Outputs/g
# io -> serde (Flink TypeSerializers and their type information)
s/\bjilin\.ew\.io\.EnvelopeSerializer\b/jilin.ew.serde.EnvelopeSerializer/g
s/\bjilin\.ew\.io\.ImmutableSerializer\b/jilin.ew.serde.ImmutableSerializer/g
s/\bjilin\.ew\.io\.OwnSerializer\b/jilin.ew.serde.OwnSerializer/g
s/\bjilin\.ew\.io\.PackedSerializer\b/jilin.ew.serde.PackedSerializer/g
s/\bjilin\.ew\.io\.SerializerType\b/jilin.ew.serde.SerializerType/g
s/\bjilin\.ew\.io\.StringKeySerializer\b/jilin.ew.serde.StringKeySerializer/g
s/\bjilin\.ew\.io\.EnvelopeType\b/jilin.ew.serde.EnvelopeType/g
# rules, alert -> reference (reference data: seeds catalog, geometry, routing)
s/\bjilin\.ew\.rules\.Reference\b/jilin.ew.reference.Reference/g
s/\bjilin\.ew\.alert\.Routing\b/jilin.ew.reference.Routing/g
# kafka's CAP hook: one name, CapRenderer, means the renderer in alert.cap
s/\bjilin\.ew\.kafka\.CapRenderer\b/jilin.ew.kafka.CapHook/g
s/\bwithCapRenderer\b/withCapHook/g
# source paths (docs, comments)
s#\bjilin/ew/(EarlyWarningJob|UnhandledTypes)\b#jilin/ew/job/\1#g
s#\bjilin/ew/(DomainPipeline|JobSettings)\b#jilin/ew/pipeline/\1#g
s#\bjilin/ew/io/(LocalRun|JobOutput|OutputOrder|JsonlFormat)\b#jilin/ew/job/\1#g
s#\bjilin/ew/io/(DecodeFunction|EventTimed|OwnEventTime|ProgressWatermarks|StreamAhead|StreamTimeGuard|HeldUnknown|BoundedLineReader|Outputs)\b#jilin/ew/ingest/\1#g
s#\bjilin/ew/io/(EnvelopeSerializer|ImmutableSerializer|OwnSerializer|PackedSerializer|SerializerType|StringKeySerializer|EnvelopeType)\b#jilin/ew/serde/\1#g
s#\bjilin/ew/rules/Reference\b#jilin/ew/reference/Reference#g
s#\bjilin/ew/alert/Routing\b#jilin/ew/reference/Routing#g
s#\bjilin/ew/kafka/CapRenderer\b#jilin/ew/kafka/CapHook#g
# tests that moved beside their classes
s#\bjilin/ew/io/(AheadOfStreamTest|BadInputPipelineTest|BoundedLineReaderTest|RecordingTimeTest)\b#jilin/ew/ingest/\1#g
s#\bjilin/ew/io/(EnvelopeSerializerTest|StringKeySerializerTest)\b#jilin/ew/serde/\1#g
s#\bjilin/ew/alert/RoutingTest\b#jilin/ew/reference/RoutingTest#g
s/\bjilin\.ew\.io\.(AheadOfStreamTest|BadInputPipelineTest|BoundedLineReaderTest|RecordingTimeTest)\b/jilin.ew.ingest.\1/g
s/\bjilin\.ew\.io\.(EnvelopeSerializerTest|StringKeySerializerTest)\b/jilin.ew.serde.\1/g
s/\bjilin\.ew\.alert\.RoutingTest\b/jilin.ew.reference.RoutingTest/g

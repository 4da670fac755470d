import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ActivityDetailView,
  ActivityGetRequest,
  ActivityListRequest,
  ActivityPage,
  HealthDayRequest,
  HealthDayView,
  HealthMetricRequest,
  HealthMetricView,
  HealthOverviewRequest,
  HealthOverviewView,
  RecordListRequest,
  RecordPage,
  RpcSubject,
  WorkoutDetailView,
  WorkoutGetRequest,
  WorkoutListRequest,
  WorkoutPage,
} from '@fittrack/contracts';
import { RpcHandler } from '@fittrack/messaging';
import { ReaderStore } from '@fittrack/persistence';
import { DataSource } from 'typeorm';
import { ActivityReadsService } from './activity-reads.service';
import { DataReadError } from './data-read.errors';
import { HealthReadsService } from './health-reads.service';
import { LibraryReadsService } from './library-reads.service';

/**
 * garmin.rpc.data.*: the HTTP reads for platform services, for the user the request names (as trusted as the
 * NATS account that may send it), with the same validation, limits and errors; an unknown user is NOT_FOUND.
 */
@Controller()
export class DataReadRpc {
  private readonly readers = new ReaderStore();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly activities: ActivityReadsService,
    private readonly health: HealthReadsService,
    private readonly library: LibraryReadsService,
  ) {}

  @RpcHandler(RpcSubject.DataActivityList)
  async activityList(@Payload() { userId, ...request }: ActivityListRequest): Promise<ActivityPage> {
    await this.mustExist(userId);
    return this.activities.list(userId, request);
  }

  @RpcHandler(RpcSubject.DataActivityGet)
  async activityGet(@Payload() request: ActivityGetRequest): Promise<ActivityDetailView> {
    await this.mustExist(request.userId);
    return this.activities.detail(request.userId, request.activityId);
  }

  @RpcHandler(RpcSubject.DataHealthMetric)
  async healthMetric(@Payload() { userId, metric, ...range }: HealthMetricRequest): Promise<HealthMetricView> {
    await this.mustExist(userId);
    return this.health.metric(userId, metric, range);
  }

  @RpcHandler(RpcSubject.DataHealthDay)
  async healthDay(@Payload() request: HealthDayRequest): Promise<HealthDayView> {
    await this.mustExist(request.userId);
    return this.health.day(request.userId, request.metric, request.date);
  }

  @RpcHandler(RpcSubject.DataHealthOverview)
  async healthOverview(@Payload() { userId, ...range }: HealthOverviewRequest): Promise<HealthOverviewView> {
    await this.mustExist(userId);
    return this.health.overview(userId, range);
  }

  @RpcHandler(RpcSubject.DataWorkoutList)
  async workoutList(@Payload() { userId, ...request }: WorkoutListRequest): Promise<WorkoutPage> {
    await this.mustExist(userId);
    return this.library.workoutList(userId, request);
  }

  @RpcHandler(RpcSubject.DataWorkoutGet)
  async workoutGet(@Payload() request: WorkoutGetRequest): Promise<WorkoutDetailView> {
    await this.mustExist(request.userId);
    return this.library.workout(request.userId, request.workoutId);
  }

  @RpcHandler(RpcSubject.DataRecordList)
  async recordList(@Payload() { userId, kind, ...request }: RecordListRequest): Promise<RecordPage> {
    await this.mustExist(userId);
    return this.library.recordList(userId, kind, request);
  }

  private async mustExist(userId: string): Promise<void> {
    if (!(await this.readers.exists(this.dataSource.manager, userId))) throw DataReadError.userNotFound();
  }
}

/**
 * An error the emulated REST API answers with, in Salesforce's shape:
 * HTTP `status` and body `[{ "message": ..., "errorCode": ..., "fields": [...] }]`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields: readonly string[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): { message: string; errorCode: string; fields: string[] }[] {
    return [{ message: this.message, errorCode: this.errorCode, fields: [...this.fields] }];
  }
}

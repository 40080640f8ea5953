/**
 * Describe metadata of the standard objects the embedded org serves, modelled on a real org
 * (API v62.0, Field Service enabled): real key prefixes, system fields only where the real object has
 * them (User and Product2 have no OwnerId; User has no IsDeleted), auto-number and formula fields
 * read-only, polymorphic owners (`Group`, `User`) where the real object can be owned by a queue.
 * Child relationships are derived from the references, with the real relationship names.
 */

import type { OrgMetadata } from '../../compiler/org-metadata.ts';
import {
  auditFields,
  buildMetadata,
  field,
  idField,
  ownerField,
  reference,
  systemField,
  type BuiltField,
  type ObjectDefinition,
} from './describe-builder.ts';
import { SECURITY_OBJECTS } from '../sharing/security-objects.ts';

const WORK_STATUSES = ['New', 'In Progress', 'On Hold', 'Completed', 'Closed', 'Cannot Complete', 'Canceled'];
const DURATION_TYPES = ['Hours', 'Minutes'];

function addressFields(prefix: string): BuiltField[] {
  return [
    field(`${prefix}Street`, 'textarea', { label: `${prefix} Street`.trim(), length: 255 }),
    field(`${prefix}City`, 'string', { label: `${prefix} City`.trim(), length: 40 }),
    field(`${prefix}State`, 'string', { label: `${prefix} State/Province`.trim(), length: 80 }),
    field(`${prefix}PostalCode`, 'string', { label: `${prefix} Zip/Postal Code`.trim(), length: 20 }),
    field(`${prefix}Country`, 'string', { label: `${prefix} Country`.trim(), length: 80 }),
    field(`${prefix}Latitude`, 'double', { label: `${prefix} Latitude`.trim(), precision: 18, scale: 15 }),
    field(`${prefix}Longitude`, 'double', { label: `${prefix} Longitude`.trim(), precision: 18, scale: 15 }),
  ];
}

const user: ObjectDefinition = {
  name: 'User',
  label: 'User',
  labelPlural: 'Users',
  keyPrefix: '005',
  deletable: false,
  fields: [
    idField(),
    field('Username', 'string', { length: 80, required: true, unique: true, indexed: true }),
    field('LastName', 'string', { label: 'Last Name', length: 80, required: true }),
    field('FirstName', 'string', { label: 'First Name', length: 40 }),
    systemField('Name', 'string', { label: 'Full Name', length: 121, indexed: true, calculated: false }),
    field('CompanyName', 'string', { label: 'Company Name', length: 80 }),
    field('Division', 'string', { length: 80 }),
    field('Department', 'string', { length: 80 }),
    field('Title', 'string', { length: 80 }),
    ...addressFields(''),
    field('Email', 'email', { length: 128, required: true, indexed: true }),
    field('Phone', 'phone'),
    field('MobilePhone', 'phone', { label: 'Mobile' }),
    field('Alias', 'string', { length: 8, required: true }),
    field('CommunityNickname', 'string', { label: 'Nickname', length: 40 }),
    field('IsActive', 'boolean', { label: 'Active' }),
    field('TimeZoneSidKey', 'picklist', {
      label: 'Time Zone',
      length: 40,
      required: true,
      picklist: ['America/Los_Angeles', 'America/New_York', 'Europe/London', 'Europe/Paris', 'GMT'],
    }),
    field('LocaleSidKey', 'picklist', {
      label: 'Locale',
      length: 40,
      required: true,
      picklist: ['en_US', 'en_GB', 'fr_FR', 'de_DE'],
    }),
    field('EmailEncodingKey', 'picklist', {
      label: 'Email Encoding',
      length: 40,
      required: true,
      picklist: ['UTF-8', 'ISO-8859-1'],
    }),
    field('LanguageLocaleKey', 'picklist', {
      label: 'Language',
      length: 40,
      required: true,
      picklist: ['en_US', 'fr', 'de'],
    }),
    systemField('UserType', 'picklist', {
      label: 'User Type',
      length: 40,
      nillable: true,
      picklist: ['Standard', 'PowerPartner', 'CspLitePortal', 'Guest'],
    }),
    reference('ManagerId', 'User', { label: 'Manager ID', relationshipName: 'Manager' }),
    reference('ProfileId', 'Profile', {
      label: 'Profile ID',
      nillable: false,
      defaultedOnCreate: true,
      childRelationship: 'Users',
    }),
    reference('UserRoleId', 'UserRole', { label: 'Role ID', childRelationship: 'Users' }),
    field('EmployeeNumber', 'string', { label: 'Employee Number', length: 20 }),
    field('FederationIdentifier', 'string', { label: 'SAML Federation ID', length: 512, indexed: true }),
    systemField('LastLoginDate', 'datetime', { label: 'Last Login', nillable: true }),
    ...auditFields({ isDeleted: false }),
  ],
};

const group: ObjectDefinition = {
  name: 'Group',
  label: 'Group',
  labelPlural: 'Groups',
  keyPrefix: '00G',
  fields: [
    idField(),
    field('Name', 'string', { length: 40, required: true, indexed: true }),
    field('DeveloperName', 'string', { label: 'Developer Name', length: 80, indexed: true }),
    field('Type', 'picklist', {
      length: 40,
      required: true,
      picklist: ['Regular', 'Queue'],
      updateable: false,
    }),
    field('Email', 'email'),
    reference('OwnerId', 'User', {
      label: 'Owner ID',
      nillable: false,
      defaultedOnCreate: true,
      relationshipName: 'Owner',
    }),
    field('DoesSendEmailToMembers', 'boolean', { label: 'Send Email to Members' }),
    ...auditFields({ isDeleted: false }),
  ],
};

const account: ObjectDefinition = {
  name: 'Account',
  label: 'Account',
  labelPlural: 'Accounts',
  keyPrefix: '001',
  fields: [
    idField(),
    systemField('IsDeleted', 'boolean', { label: 'Deleted' }),
    field('Name', 'string', { label: 'Account Name', required: true, indexed: true }),
    field('Type', 'picklist', {
      label: 'Account Type',
      length: 40,
      picklist: ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Partner', 'Other'],
    }),
    reference('ParentId', 'Account', { label: 'Parent Account ID', childRelationship: 'ChildAccounts' }),
    ...addressFields('Billing'),
    ...addressFields('Shipping'),
    field('Phone', 'phone', { label: 'Account Phone' }),
    field('Fax', 'phone', { label: 'Account Fax' }),
    field('AccountNumber', 'string', { label: 'Account Number', length: 40 }),
    field('Website', 'url'),
    field('Industry', 'picklist', {
      length: 40,
      picklist: [
        'Construction',
        'Energy',
        'Healthcare',
        'Hospitality',
        'Manufacturing',
        'Retail',
        'Utilities',
      ],
    }),
    field('AnnualRevenue', 'currency', { label: 'Annual Revenue', precision: 18, scale: 0 }),
    field('NumberOfEmployees', 'int', { label: 'Employees', precision: 8 }),
    field('Description', 'textarea', { label: 'Account Description', length: 32000 }),
    field('Rating', 'picklist', { label: 'Account Rating', length: 40, picklist: ['Hot', 'Warm', 'Cold'] }),
    field('Site', 'string', { label: 'Account Site', length: 80 }),
    field('AccountSource', 'picklist', {
      label: 'Account Source',
      length: 40,
      picklist: ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'],
    }),
    ownerField(['User']),
    ...auditFields({ isDeleted: false }),
  ],
};

const contact: ObjectDefinition = {
  name: 'Contact',
  label: 'Contact',
  labelPlural: 'Contacts',
  keyPrefix: '003',
  fields: [
    idField(),
    systemField('IsDeleted', 'boolean', { label: 'Deleted' }),
    reference('AccountId', 'Account', { childRelationship: 'Contacts', cascadeDelete: true }),
    field('LastName', 'string', { label: 'Last Name', length: 80, required: true }),
    field('FirstName', 'string', { label: 'First Name', length: 40 }),
    field('Salutation', 'picklist', { length: 40, picklist: ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.'] }),
    systemField('Name', 'string', { label: 'Full Name', length: 121, indexed: true }),
    ...addressFields('Mailing'),
    field('Phone', 'phone', { label: 'Business Phone' }),
    field('MobilePhone', 'phone', { label: 'Mobile Phone' }),
    field('Email', 'email', { indexed: true }),
    field('Title', 'string', { length: 128 }),
    field('Department', 'string', { length: 80 }),
    field('Birthdate', 'date'),
    field('Description', 'textarea', { label: 'Contact Description', length: 32000 }),
    reference('ReportsToId', 'Contact', { label: 'Reports To ID', relationshipName: 'ReportsTo' }),
    field('LeadSource', 'picklist', {
      label: 'Lead Source',
      length: 40,
      picklist: ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'],
    }),
    field('HasOptedOutOfEmail', 'boolean', { label: 'Email Opt Out' }),
    field('DoNotCall', 'boolean', { label: 'Do Not Call' }),
    ownerField(['User']),
    ...auditFields({ isDeleted: false }),
  ],
};

const product2: ObjectDefinition = {
  name: 'Product2',
  label: 'Product',
  labelPlural: 'Products',
  keyPrefix: '01t',
  fields: [
    idField(),
    field('Name', 'string', { label: 'Product Name', required: true, indexed: true }),
    field('ProductCode', 'string', { label: 'Product Code' }),
    field('Description', 'textarea', { label: 'Product Description', length: 4000 }),
    field('IsActive', 'boolean', { label: 'Active' }),
    field('Family', 'picklist', {
      label: 'Product Family',
      length: 40,
      picklist: ['Parts', 'Tools', 'Services'],
    }),
    field('ExternalId', 'string', { label: 'External ID', externalId: true }),
    field('StockKeepingUnit', 'string', {
      label: 'Product SKU',
      length: 180,
      externalId: true,
      unique: true,
    }),
    field('QuantityUnitOfMeasure', 'picklist', {
      label: 'Quantity Unit Of Measure',
      length: 40,
      picklist: ['Each', 'Box', 'Meter', 'Hour'],
    }),
    field('DisplayUrl', 'url', { label: 'Display URL', length: 1000 }),
    systemField('IsArchived', 'boolean', { label: 'Archived' }),
    systemField('IsDeleted', 'boolean', { label: 'Deleted' }),
    ...auditFields({ isDeleted: false }),
  ],
};

const asset: ObjectDefinition = {
  name: 'Asset',
  label: 'Asset',
  labelPlural: 'Assets',
  keyPrefix: '02i',
  fields: [
    idField(),
    reference('ContactId', 'Contact', { childRelationship: 'Assets' }),
    reference('AccountId', 'Account', { childRelationship: 'Assets', cascadeDelete: true }),
    reference('ParentId', 'Asset', { label: 'Parent ID', childRelationship: 'ChildAssets' }),
    reference('Product2Id', 'Product2', { label: 'Product ID', childRelationship: 'Assets' }),
    systemField('IsCompetitorProduct', 'boolean', {
      label: 'Competitor Asset',
      createable: true,
      updateable: true,
    }),
    field('Name', 'string', { label: 'Asset Name', required: true, indexed: true }),
    field('SerialNumber', 'string', { label: 'Serial Number', length: 80 }),
    field('InstallDate', 'date', { label: 'Install Date' }),
    field('PurchaseDate', 'date', { label: 'Purchase Date' }),
    field('UsageEndDate', 'date', { label: 'Usage End Date' }),
    field('Status', 'picklist', {
      length: 40,
      picklist: ['Purchased', 'Shipped', 'Installed', 'Registered', 'Obsolete'],
    }),
    field('Price', 'currency', { precision: 18, scale: 2 }),
    field('Quantity', 'double', { precision: 18, scale: 2 }),
    field('Description', 'textarea', { length: 32000 }),
    ownerField(['User']),
    systemField('IsDeleted', 'boolean', { label: 'Deleted' }),
    ...auditFields({ isDeleted: false }),
  ],
};

const caseObject: ObjectDefinition = {
  name: 'Case',
  label: 'Case',
  labelPlural: 'Cases',
  keyPrefix: '500',
  fields: [
    idField(),
    systemField('IsDeleted', 'boolean', { label: 'Deleted' }),
    systemField('CaseNumber', 'string', { label: 'Case Number', length: 30, indexed: true }),
    reference('ContactId', 'Contact', { childRelationship: 'Cases' }),
    reference('AccountId', 'Account', { childRelationship: 'Cases', cascadeDelete: true }),
    reference('AssetId', 'Asset', { childRelationship: 'Cases' }),
    reference('ParentId', 'Case', { label: 'Parent Case ID', childRelationship: 'Cases' }),
    field('SuppliedName', 'string', { label: 'Web Name', length: 80 }),
    field('SuppliedEmail', 'email', { label: 'Web Email' }),
    field('SuppliedPhone', 'string', { label: 'Web Phone', length: 40 }),
    field('Type', 'picklist', {
      label: 'Case Type',
      length: 40,
      picklist: ['Mechanical', 'Electrical', 'Other'],
    }),
    field('Status', 'picklist', {
      length: 40,
      defaultedOnCreate: true,
      picklist: ['New', 'Working', 'Escalated', 'Closed'],
    }),
    field('Reason', 'picklist', {
      label: 'Case Reason',
      length: 40,
      picklist: ['Breakdown', 'Installation', 'Other'],
    }),
    field('Origin', 'picklist', { label: 'Case Origin', length: 40, picklist: ['Phone', 'Email', 'Web'] }),
    field('Subject', 'string'),
    field('Priority', 'picklist', {
      length: 40,
      defaultedOnCreate: true,
      picklist: ['High', 'Medium', 'Low'],
    }),
    field('Description', 'textarea', { length: 32000 }),
    systemField('IsClosed', 'boolean', { label: 'Closed' }),
    systemField('ClosedDate', 'datetime', { label: 'Closed Date', nillable: true }),
    field('IsEscalated', 'boolean', { label: 'Escalated' }),
    ownerField(['Group', 'User']),
    ...auditFields({ isDeleted: false }),
  ],
};

const workOrder: ObjectDefinition = {
  name: 'WorkOrder',
  label: 'Work Order',
  labelPlural: 'Work Orders',
  keyPrefix: '0WO',
  fields: [
    idField(),
    ownerField(['Group', 'User']),
    systemField('IsDeleted', 'boolean', { label: 'Deleted' }),
    systemField('WorkOrderNumber', 'string', { label: 'Work Order Number', length: 255, indexed: true }),
    reference('AccountId', 'Account', { childRelationship: 'WorkOrders' }),
    reference('ContactId', 'Contact', { childRelationship: 'WorkOrders' }),
    reference('CaseId', 'Case', { childRelationship: 'WorkOrders' }),
    reference('AssetId', 'Asset', { childRelationship: 'WorkOrders' }),
    ...addressFields(''),
    field('Description', 'textarea', { length: 32000 }),
    field('StartDate', 'datetime', { label: 'Start Date' }),
    field('EndDate', 'datetime', { label: 'End Date' }),
    field('Subject', 'string'),
    reference('RootWorkOrderId', 'WorkOrder', {
      label: 'Root Work Order ID',
      createable: false,
      updateable: false,
      relationshipName: 'RootWorkOrder',
      childRelationship: 'DescendantWorkOrders',
    }),
    field('Status', 'picklist', { length: 40, defaultedOnCreate: true, picklist: WORK_STATUSES }),
    field('Priority', 'picklist', {
      length: 40,
      defaultedOnCreate: true,
      picklist: ['Low', 'Medium', 'High', 'Critical'],
    }),
    systemField('LineItemCount', 'int', {
      label: 'Line Items',
      precision: 9,
      nillable: true,
      calculated: true,
    }),
    reference('ParentWorkOrderId', 'WorkOrder', {
      label: 'Parent Work Order ID',
      relationshipName: 'ParentWorkOrder',
      childRelationship: 'ChildWorkOrders',
    }),
    field('Duration', 'double', { precision: 16, scale: 2 }),
    field('DurationType', 'picklist', { label: 'Duration Type', length: 40, picklist: DURATION_TYPES }),
    systemField('IsClosed', 'boolean', { label: 'Closed', calculated: true }),
    field('SuggestedMaintenanceDate', 'date', { label: 'Suggested Maintenance Date' }),
    ...auditFields({ isDeleted: false }),
  ],
};

const workOrderLineItem: ObjectDefinition = {
  name: 'WorkOrderLineItem',
  label: 'Work Order Line Item',
  labelPlural: 'Work Order Line Items',
  keyPrefix: '1WL',
  fields: [
    idField(),
    systemField('IsDeleted', 'boolean', { label: 'Deleted' }),
    systemField('LineItemNumber', 'string', { label: 'Line Item Number', length: 255, indexed: true }),
    reference('WorkOrderId', 'WorkOrder', {
      label: 'Work Order ID',
      required: true,
      updateable: false,
      childRelationship: 'WorkOrderLineItems',
      cascadeDelete: true,
    }),
    reference('ParentWorkOrderLineItemId', 'WorkOrderLineItem', {
      label: 'Parent Work Order Line Item ID',
      relationshipName: 'ParentWorkOrderLineItem',
      childRelationship: 'ChildWorkOrderLineItems',
    }),
    reference('Product2Id', 'Product2', { label: 'Product ID', childRelationship: 'WorkOrderLineItems' }),
    reference('AssetId', 'Asset', { childRelationship: 'WorkOrderLineItems' }),
    field('Description', 'textarea', { length: 32000 }),
    field('StartDate', 'datetime', { label: 'Start Date' }),
    field('EndDate', 'datetime', { label: 'End Date' }),
    field('Status', 'picklist', { length: 40, defaultedOnCreate: true, picklist: WORK_STATUSES }),
    field('Subject', 'string'),
    field('Quantity', 'double', { precision: 12, scale: 2 }),
    field('UnitPrice', 'currency', { label: 'Unit Price', precision: 16, scale: 2 }),
    field('Discount', 'percent', { precision: 3, scale: 2 }),
    ...addressFields(''),
    field('Duration', 'double', { precision: 16, scale: 2 }),
    field('DurationType', 'picklist', { label: 'Duration Type', length: 40, picklist: DURATION_TYPES }),
    systemField('IsClosed', 'boolean', { label: 'Closed', calculated: true }),
    ...auditFields({ isDeleted: false }),
  ],
};

/** Objects a service appointment's `ParentRecordId` may point at (polymorphic). */
const APPOINTMENT_PARENTS = ['Account', 'Asset', 'WorkOrder', 'WorkOrderLineItem'];

const serviceAppointment: ObjectDefinition = {
  name: 'ServiceAppointment',
  label: 'Service Appointment',
  labelPlural: 'Service Appointments',
  keyPrefix: '08p',
  fields: [
    idField(),
    ownerField(['Group', 'User']),
    systemField('IsDeleted', 'boolean', { label: 'Deleted' }),
    systemField('AppointmentNumber', 'string', { label: 'Appointment Number', length: 255, indexed: true }),
    reference('ParentRecordId', APPOINTMENT_PARENTS, {
      label: 'Parent Record ID',
      required: true,
      updateable: false,
      relationshipName: 'ParentRecord',
      childRelationship: 'ServiceAppointments',
      cascadeDelete: true,
    }),
    systemField('ParentRecordType', 'string', { label: 'Parent Record Type', length: 50, nillable: true }),
    reference('AccountId', 'Account', { createable: false, updateable: false, childRelationship: null }),
    reference('ContactId', 'Contact', { childRelationship: 'ServiceAppointments' }),
    ...addressFields(''),
    field('Description', 'textarea', { length: 32000 }),
    field('EarliestStartTime', 'datetime', { label: 'Earliest Start Permitted', required: true }),
    field('DueDate', 'datetime', { label: 'Due Date', required: true }),
    field('Duration', 'double', { precision: 16, scale: 2 }),
    field('DurationType', 'picklist', { label: 'Duration Type', length: 40, picklist: DURATION_TYPES }),
    field('Status', 'picklist', {
      length: 40,
      defaultedOnCreate: true,
      picklist: [
        'None',
        'Scheduled',
        'Dispatched',
        'In Progress',
        'Cannot Complete',
        'Completed',
        'Canceled',
      ],
    }),
    field('Subject', 'string'),
    field('SchedStartTime', 'datetime', { label: 'Scheduled Start' }),
    field('SchedEndTime', 'datetime', { label: 'Scheduled End' }),
    field('ActualStartTime', 'datetime', { label: 'Actual Start' }),
    field('ActualEndTime', 'datetime', { label: 'Actual End' }),
    field('ActualDuration', 'double', { label: 'Actual Duration (Minutes)', precision: 16, scale: 2 }),
    ...auditFields({ isDeleted: false }),
  ],
};

/** Records a `ContentVersion` may be first published to (polymorphic). */
const PUBLISH_LOCATIONS = ['Account', 'Asset', 'Case', 'Contact', 'User', 'WorkOrder', 'WorkOrderLineItem'];

const contentDocument: ObjectDefinition = {
  name: 'ContentDocument',
  label: 'Content Document',
  labelPlural: 'Content Documents',
  keyPrefix: '069',
  createable: false,
  fields: [
    idField(),
    ownerField(['User']),
    systemField('IsDeleted', 'boolean', { label: 'Deleted' }),
    field('Title', 'string', { required: true, createable: false }),
    systemField('ContentSize', 'int', { label: 'Size', nillable: true }),
    systemField('FileType', 'string', { label: 'File Type', length: 20, nillable: true }),
    systemField('FileExtension', 'string', { label: 'File Extension', length: 40, nillable: true }),
    reference('LatestPublishedVersionId', 'ContentVersion', {
      label: 'Latest Published Version ID',
      createable: false,
      updateable: false,
      relationshipName: 'LatestPublishedVersion',
    }),
    field('PublishStatus', 'picklist', {
      label: 'Publish Status',
      length: 40,
      createable: false,
      updateable: false,
      picklist: ['U', 'P', 'R'],
    }),
    ...auditFields({ isDeleted: false }),
  ],
};

const contentVersion: ObjectDefinition = {
  name: 'ContentVersion',
  label: 'Content Version',
  labelPlural: 'Content Versions',
  keyPrefix: '068',
  deletable: false,
  fields: [
    idField(),
    reference('ContentDocumentId', 'ContentDocument', {
      label: 'ContentDocument ID',
      updateable: false,
      nillable: false,
      defaultedOnCreate: true,
      childRelationship: 'ContentVersions',
      cascadeDelete: true,
    }),
    systemField('IsLatest', 'boolean', { label: 'Is Latest' }),
    field('ContentUrl', 'url', { label: 'Content URL', length: 1300 }),
    systemField('VersionNumber', 'string', { label: 'Version Number', length: 20, nillable: true }),
    field('Title', 'string', { required: true }),
    field('Description', 'textarea', { length: 1000 }),
    field('ReasonForChange', 'string', { label: 'Reason For Change', length: 1000 }),
    field('PathOnClient', 'string', { label: 'Path On Client', length: 500, updateable: false }),
    field('VersionData', 'base64', { label: 'Version Data', updateable: false }),
    systemField('ContentSize', 'int', { label: 'Size', nillable: true }),
    systemField('FileType', 'string', { label: 'File Type', length: 20, nillable: true }),
    systemField('FileExtension', 'string', { label: 'File Extension', length: 40, nillable: true }),
    systemField('Checksum', 'string', { length: 50, nillable: true }),
    reference('FirstPublishLocationId', PUBLISH_LOCATIONS, {
      label: 'ID of Record to Which File Was First Published',
      updateable: false,
      relationshipName: 'FirstPublishLocation',
    }),
    field('ContentLocation', 'picklist', {
      label: 'Content Location',
      length: 40,
      updateable: false,
      defaultedOnCreate: true,
      picklist: ['S', 'E', 'L'],
    }),
    ownerField(['User']),
    systemField('IsDeleted', 'boolean', { label: 'Deleted' }),
    ...auditFields({ isDeleted: false }),
  ],
};

/** Every standard object's definition, in describe-global order. */
export const STANDARD_OBJECTS: readonly ObjectDefinition[] = [
  account,
  asset,
  caseObject,
  contact,
  contentDocument,
  contentVersion,
  group,
  product2,
  serviceAppointment,
  user,
  workOrder,
  workOrderLineItem,
  ...SECURITY_OBJECTS,
].sort((a, b) => a.name.localeCompare(b.name));

/** A fresh copy of the standard objects' describes (keyed by API name). */
export function standardMetadata(): OrgMetadata {
  return buildMetadata(STANDARD_OBJECTS);
}
